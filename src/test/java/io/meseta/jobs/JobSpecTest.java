package io.meseta.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.core.resources.Resources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobSpecTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a blank name            | ''          | true  | cpus:1           | 1 | name must be",
      "a missing command       | ok          | ' '   | cpus:1           | 1 | command is missing",
      "a port range            | ok          | true  | ports:[1-2]      | 1 | jobs ask for scalar resources only",
      "a reserved resource     | ok          | true  | cpus(prod):1     | 1 | names a role",
      "a gang of zero          | ok          | true  | cpus:1           | 0 | gang_size must be 1..1000",
      "a gang of a million     | ok          | true  | cpus:1           | 1000000 | gang_size must be",
  })
  void refusesWhatCouldNeverRunAndSaysWhatToFix(String what, String name, String command,
      String resources, int gang, String message) {
    assertThatThrownBy(() -> new JobSpec(name, command, Resources.parse(resources), 0, null,
        List.of(), null, gang, null)).hasMessageContaining(message);
  }

  @Test
  void negativeResourcesAndRuntimesAreRefused() {
    assertThatThrownBy(() -> Resources.parse("cpus:-1")).hasMessageContaining("cpus");
    assertThatThrownBy(() -> new JobSpec("n", "true", null, 0, Duration.ofSeconds(-1), null,
        null, 1, null)).hasMessageContaining("estimated_runtime must not be negative");
    assertThatThrownBy(() -> new RestartPolicy(-1, Duration.ZERO))
        .hasMessageContaining("restart.max_retries must be 0..100");
  }

  @Test
  void defaultsFillWhatWasLeftOut() {
    JobSpec spec = new JobSpec("n", "true", null, 0, null, null, null, 1, null);
    assertThat(spec.resources()).isEqualTo(Resources.parse("cpus:0.1;mem:32"));
    assertThat(spec.queue()).isEqualTo("default");
    assertThat(spec.restart()).isEqualTo(RestartPolicy.NEVER);
    assertThat(spec.declaredRuntime()).isEmpty();
  }

  @Test
  void aGangLargerThanTheClusterIsRefusedWithTheLimit() {
    JobSpec gang = new JobSpec("n", "true", null, 0, null, null, null, 3, null);
    assertThat(gang.problemOn(3)).isEmpty();
    assertThat(gang.problemOn(2)).hasValue("gang_size 3 is larger than the cluster (2 active"
        + " agents); lower gang_size to at most 2 or add agents");
    assertThat(new JobSpec("n", "true", null, 0, null, null, null, 1, null).problemOn(0))
        .as("a single task may wait for the first agent").isEmpty();
  }
}
