/**
 * The Java executor SDK: implement {@link io.meseta.executor.Executor} and drive an
 * {@link io.meseta.executor.ExecutorDriver}, which speaks the Mesos v1 executor HTTP API to the
 * agent that started the process (settings from the MESOS_* environment variables). Depends on
 * protocol.json, the Mesos protobuf classes and Vert.x core; nothing of the agent.
 */
package io.meseta.executor;
