package io.meseta.loadtest.failover;

/**
 * What one failover run measured. Times are milliseconds from the kill, -1 when it never
 * happened within the run's limits; {@code problem} says what went wrong, empty when nothing.
 *
 * @param submitted short tasks the feeder queued
 * @param launched of those, tasks put into a LAUNCH
 * @param finished tasks whose terminal state was TASK_FINISHED
 * @param otherTerminal tasks that ended in another terminal state (lost, failed, dropped...)
 * @param otherStates those other terminal states with their counts, e.g. {@code TASK_LOST=2}
 * @param duplicated tasks with two terminal states, two reliable terminal updates, or two
 *     TASK_RUNNING updates with different uuids
 * @param duplicates each duplicated task with the updates it got, for the notes
 * @param unfinished submitted tasks with no terminal update at the end of the run
 * @param longTaskSurvived the task running through the failover was never terminal
 */
record RunResult(int run, long serveMillis, long firstOfferMillis, String oldLeader,
    String newLeader, int submitted, int launched, int finished, int otherTerminal,
    String otherStates, int duplicated, java.util.List<String> duplicates, int unfinished,
    boolean longTaskSurvived, String problem) {

  static RunResult failed(int run, String problem) {
    return new RunResult(run, -1, -1, "", "", 0, 0, 0, 0, "", 0, java.util.List.of(), 0, false,
        problem);
  }
}
