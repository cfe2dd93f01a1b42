/**
 * Runnable examples of the SDKs: {@link io.meseta.examples.EchoExecutor}, a custom executor that
 * runs many short tasks in one JVM and echoes framework messages, and
 * {@link io.meseta.examples.EchoScheduler}, a framework that launches tasks into it and talks to
 * it. See the README, section "Executors".
 */
package io.meseta.examples;
