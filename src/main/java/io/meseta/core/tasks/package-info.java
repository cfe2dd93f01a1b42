/**
 * The task lifecycle: {@link io.meseta.core.tasks.TaskStateMachine} returns the side effects of
 * each transition for the task tracker to carry out. Pure: no Vert.x, no I/O, no clock.
 */
package io.meseta.core.tasks;
