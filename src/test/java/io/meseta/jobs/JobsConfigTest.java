package io.meseta.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** jobs.defragment: off unless asked for, and a bad value is named. */
class JobsConfigTest {

  @Test
  void defragmentationIsOffByDefaultAndOnWhenAskedFor() {
    assertThat(JobsConfig.defaults().defragment()).isFalse();
    assertThat(JobsConfig.parse("true", "*", "fcfs", "", "best-fit", "1.0").defragment())
        .isFalse();
    assertThat(JobsConfig.parse("true", "*", "fcfs", "", "best-fit", "1.0", " TRUE ")
        .defragment()).isTrue();
  }

  @Test
  void aValueOtherThanTrueOrFalseIsRefusedByName() {
    assertThatThrownBy(() -> JobsConfig.parse("true", "*", "fcfs", "", "best-fit", "1.0", "yes"))
        .hasMessage("jobs.defragment must be true or false, got 'yes'");
  }
}
