package io.meseta.master.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RunTimerTest {
  @Test
  void reportsLastValueAndStatisticsOverTheWindowInMilliseconds() {
    RunTimer timer = new RunTimer("allocator/mesos/allocation_run_ms", 3);
    assertThat(timer.toJson()).isEqualTo(
        new JsonObject().put("allocator/mesos/allocation_run_ms/count", 0));
    for (long ms : new long[] {9, 1, 2, 3}) { // 9 falls out of a window of 3
      timer.record(ms * 1_000_000);
    }
    JsonObject json = timer.toJson();
    assertThat(json.getDouble("allocator/mesos/allocation_run_ms")).isEqualTo(3.0);
    assertThat(json.getInteger("allocator/mesos/allocation_run_ms/count")).isEqualTo(3);
    assertThat(json.getDouble("allocator/mesos/allocation_run_ms/min")).isEqualTo(1.0);
    assertThat(json.getDouble("allocator/mesos/allocation_run_ms/max")).isEqualTo(3.0);
    assertThat(json.getDouble("allocator/mesos/allocation_run_ms/p50")).isEqualTo(2.0);
    assertThat(json.getDouble("allocator/mesos/allocation_run_ms/p99")).isBetween(2.9, 3.0);
    assertThat(timer.runs()).isEqualTo(4);
  }

  @Test
  void countersStartAtZeroWhenDeclared() {
    Counters counters = new Counters().declare("master/tasks_finished");
    counters.increment("master/slave_removals");
    assertThat(counters.toJson()).isEqualTo(new JsonObject()
        .put("master/slave_removals", 1L).put("master/tasks_finished", 0L));
  }
}
