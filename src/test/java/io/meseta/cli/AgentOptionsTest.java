package io.meseta.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meseta.agent.AgentConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The agent's {@code --recover} flag, as Mesos spells it. */
class AgentOptionsTest {
  private static AgentCommand parse(String... args) {
    AgentCommand command = new AgentCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void recoverDefaultsToReconnectAndTakesCleanup() {
    assertThat(parse("--master", "m:5050").recover).isEqualTo(AgentConfig.Recover.RECONNECT);
    assertThat(parse("--master", "m:5050", "--recover=cleanup").recover)
        .isEqualTo(AgentConfig.Recover.CLEANUP);
    assertThat(parse("--master", "m:5050", "--recover", "RECONNECT").recover)
        .isEqualTo(AgentConfig.Recover.RECONNECT);
  }

  @Test
  void anUnknownRecoverModeSaysWhatIsAllowed() {
    assertThatThrownBy(() -> parse("--master", "m:5050", "--recover=keep"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("'reconnect'").hasMessageContaining("'cleanup'")
        .hasMessageContaining("got 'keep'");
  }
}
