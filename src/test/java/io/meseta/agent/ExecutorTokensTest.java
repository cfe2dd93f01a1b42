package io.meseta.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.meseta.core.model.FrameworkId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorTokensTest {
  private static final ExecutorRun.Key A = new ExecutorRun.Key(FrameworkId.of("f-1"), "a");
  private static final ExecutorRun.Key B = new ExecutorRun.Key(FrameworkId.of("f-1"), "b");

  @TempDir
  Path work;

  @Test
  void aTokenAdmitsItsOwnExecutorOnly() {
    ExecutorTokens tokens = ExecutorTokens.load(work);
    assertThat(tokens.check("Bearer " + tokens.mint(A), A)).isEmpty();
    assertThat(tokens.check("Bearer " + tokens.mint(A), B)).map(ExecutorTokens.Refusal::status)
        .contains(403);
    assertThat(tokens.check(null, A)).map(ExecutorTokens.Refusal::status).contains(401);
    assertThat(tokens.check("Basic eDp5", A)).map(ExecutorTokens.Refusal::status).contains(401);
    assertThat(tokens.check("Bearer " + tokens.mint(A) + "x", A))
        .map(ExecutorTokens.Refusal::status).contains(401);
  }

  @Test
  void theSecretSurvivesARestartSoReadoptedExecutorsKeepTheirTokens() {
    String token = ExecutorTokens.load(work).mint(A);
    assertThat(ExecutorTokens.load(work).check("Bearer " + token, A)).isEmpty();
    assertThat(ExecutorTokens.load(work.resolve("other")).check("Bearer " + token, A))
        .map(ExecutorTokens.Refusal::status).contains(401);
  }

  @Test
  void offAdmitsEverything() {
    assertThat(ExecutorTokens.OFF.check(null, A)).isEmpty();
  }
}
