/**
 * The agent registry: registration, re-registration, ping health checks, delivery to agents.
 */
package io.meseta.master.agents;
