/**
 * The master: one thin verticle per capability (agents, allocation, frameworks, tasks) around a
 * core object, talking over the event bus. {@link io.meseta.master.MasterNode} deploys them.
 */
package io.meseta.master;
