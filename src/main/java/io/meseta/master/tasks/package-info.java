/**
 * The task tracker: launch validation, status updates and acknowledgements, kills,
 * reconciliation; transitions come from {@link io.meseta.core.tasks.TaskStateMachine}.
 */
package io.meseta.master.tasks;
