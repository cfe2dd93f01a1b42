package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code meseta jobs ...} in-process against a real one-agent cluster. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsCommandTest {
  private static final Pattern SUBMITTED = Pattern.compile("Submitted (job-\\d+)");

  @TempDir
  static Path work;
  private TestCluster cluster;

  @BeforeAll
  void startCluster() throws Exception {
    cluster = TestCluster.start(1, "cpus:1;mem:512", work);
  }

  @AfterAll
  void stopCluster() throws Exception {
    cluster.close();
  }

  private CliRun jobs(String... args) {
    String[] full = new String[args.length + 2];
    full[0] = "jobs";
    full[1] = args[0];
    full[2] = "--master=" + cluster.masterAddress();
    System.arraycopy(args, 1, full, 3, args.length - 1);
    return CliRun.capturingSystemOut(full);
  }

  private String submit(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "submit";
    System.arraycopy(args, 0, full, 1, args.length);
    CliRun run = jobs(full);
    assertThat(run.exitCode()).as(run.err()).isZero();
    Matcher m = SUBMITTED.matcher(run.out());
    assertThat(m.find()).as(run.out()).isTrue();
    return m.group(1);
  }

  @Test
  void submitStatusListAndLogsOfAJobThatRuns() throws Exception {
    String id = submit("--name", "greeter", "--command", "echo hello from the job service");
    Awaits.until(id + " finished", Duration.ofSeconds(20),
        () -> jobs("status", id).out().contains("FINISHED"));

    CliRun status = jobs("status", id);
    assertThat(status.out()).contains(id + " (greeter): FINISHED")
        .contains("task " + id + "-0: FINISHED");
    CliRun list = jobs("list", "--state", "FINISHED");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("ID").contains(id).contains("greeter");
    CliRun logs = jobs("logs", id);
    assertThat(logs.exitCode()).as(logs.err()).isZero();
    assertThat(logs.out()).isEqualTo("hello from the job service\n");
  }

  @Test
  void whyExplainsAPendingJobAndKillEndsIt() throws Exception {
    String id = submit("--name", "greedy", "--command", "true", "--resources", "cpus:8;mem:10");
    Awaits.until(id + " explained", Duration.ofSeconds(20),
        () -> jobs("why", id).out().contains("too few cpus"));
    CliRun why = jobs("why", id);
    assertThat(why.out()).contains(id + " (PENDING): no agent can take its task now")
        .contains("  - 1 agent has too few cpus in total (needs 8) [AGENT_TOO_SMALL]");
    CliRun kill = jobs("kill", id);
    assertThat(kill.exitCode()).isZero();
    assertThat(kill.out()).contains(id + ": KILLED");
  }

  @Test
  void refusalsPrintTheMastersMessageAndExitOne() {
    CliRun bad = jobs("submit", "--command", "true", "--constraint", "rack LIKE r1");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("unknown constraint operator 'LIKE'");
    CliRun unknown = jobs("status", "job-424242");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("no job 'job-424242'");
  }
}
