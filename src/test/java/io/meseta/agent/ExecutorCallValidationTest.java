package io.meseta.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.executor.Protos.Call;
import org.junit.jupiter.api.Test;

/**
 * A regression from the fuzz campaign: a blank framework id passed validation and then failed
 * {@code FrameworkId.of}, answering 500 instead of 400.
 */
class ExecutorCallValidationTest {

  @Test
  void blankIdsAreRefusedAsBadRequests() {
    Call blankFramework = Call.newBuilder().setType(Call.Type.HEARTBEAT)
        .setFrameworkId(FrameworkID.newBuilder().setValue("  "))
        .setExecutorId(ExecutorID.newBuilder().setValue("e")).build();
    Call blankExecutor = blankFramework.toBuilder()
        .setFrameworkId(FrameworkID.newBuilder().setValue("F"))
        .setExecutorId(ExecutorID.newBuilder().setValue(" ")).build();

    assertThat(ExecutorHttpApi.validate(blankFramework)).hasValueSatisfying(reason ->
        assertThat(reason).contains("framework_id"));
    assertThat(ExecutorHttpApi.validate(blankExecutor)).isPresent();
    assertThat(ExecutorHttpApi.validate(blankFramework.toBuilder()
        .setFrameworkId(FrameworkID.newBuilder().setValue("F")).build())).isEmpty();
  }
}
