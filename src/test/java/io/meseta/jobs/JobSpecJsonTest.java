package io.meseta.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.core.placement.Constraint;
import io.meseta.core.resources.Resources;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobSpecJsonTest {
  @Test
  void readsEveryFieldInItsDocumentedForm() {
    JobSpec spec = JobSpecJson.parse(new JsonObject("""
        {"name":"train","command":"./train.sh","resources":"cpus:2;mem:1024","priority":5,
         "estimated_runtime":"10m","constraints":["rack EQUALS r1",
         {"attribute":"gpu","operator":"exists"}],"restart":{"max_retries":2,"backoff":30},
         "gang_size":4,"queue":"ml"}"""));
    assertThat(spec.name()).isEqualTo("train");
    assertThat(spec.resources()).isEqualTo(Resources.parse("cpus:2;mem:1024"));
    assertThat(spec.priority()).isEqualTo(5);
    assertThat(spec.estimatedRuntime()).isEqualTo(Duration.ofMinutes(10));
    assertThat(spec.constraints()).containsExactly(
        new Constraint("rack", Constraint.Operator.EQUALS, "r1"),
        new Constraint("gpu", Constraint.Operator.EXISTS, null));
    assertThat(spec.restart()).isEqualTo(new RestartPolicy(2, Duration.ofSeconds(30)));
    assertThat(spec.gangSize()).isEqualTo(4);
    assertThat(spec.queue()).isEqualTo("ml");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "misspelt field     | {\"command\":\"x\",\"gang\":2}                  | unknown field 'gang'; known fields: command, constraints",
      "misspelt restart   | {\"command\":\"x\",\"restart\":{\"retries\":1}}  | unknown field 'restart.retries'",
      "bad operator       | {\"command\":\"x\",\"constraints\":[\"a LIKE b\"]} | unknown constraint operator 'LIKE'",
      "half a constraint  | {\"command\":\"x\",\"constraints\":[\"rack\"]}    | must read ATTRIBUTE OPERATOR [VALUE]",
      "bad duration       | {\"command\":\"x\",\"estimated_runtime\":\"soon\"} | estimated_runtime must be seconds or a duration",
      "negative backoff   | {\"command\":\"x\",\"restart\":{\"backoff\":-1}}  | restart.backoff must not be negative",
      "fractional gang    | {\"command\":\"x\",\"gang_size\":1.5}            | gang_size must be a whole number",
      "resources object   | {\"command\":\"x\",\"resources\":{\"cpus\":1}}    | resources must be a string",
      "negative cpus      | {\"command\":\"x\",\"resources\":\"cpus:-2\"}      | invalid resource 'cpus:-2'",
  })
  void refusesBadFieldsByName(String what, String json, String message) {
    assertThatThrownBy(() -> JobSpecJson.parse(new JsonObject(json)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
