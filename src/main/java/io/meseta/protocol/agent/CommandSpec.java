package io.meseta.protocol.agent;

import java.util.List;
import java.util.Map;

/**
 * A command to run: with {@code shell} true, {@code value} runs under {@code sh -c}; otherwise
 * {@code value} is the program and {@code arguments} its argv (Mesos CommandInfo semantics,
 * where arguments[0] is argv[0]). {@code user} is the OS user to run it as
 * ({@code CommandInfo.user}, else the framework's user); null = the agent decides.
 */
public record CommandSpec(
    boolean shell, String value, List<String> arguments, Map<String, String> environment,
    String user)
    implements java.io.Serializable {
  public CommandSpec {
    arguments = arguments == null ? List.of() : List.copyOf(arguments);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
  }

  /** Without a user. */
  public CommandSpec(
      boolean shell, String value, List<String> arguments, Map<String, String> environment) {
    this(shell, value, arguments, environment, null);
  }
}
