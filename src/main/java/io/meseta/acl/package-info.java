/**
 * Authorisation with Mesos-style ACLs: which principal may do which action on which object
 * (register frameworks for a role, run tasks as a user, tear down another principal's
 * frameworks, view frameworks and tasks, set weights and quotas, reserve resources). Pure: the
 * rules are parsed from text and evaluated on values; no Vert.x, no I/O, so it is tested as
 * tables and used alike by the gateway and the master services.
 */
package io.meseta.acl;
