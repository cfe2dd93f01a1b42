package io.meseta.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "meseta", mixinStandardHelpOptions = true, version = "meseta 0.1.0",
    description = "A cluster resource manager in the Apache Mesos tradition.",
    subcommands = {DevCommand.class, MasterCommand.class, AgentCommand.class,
        ExecuteCommand.class, JobsCommand.class, ClusterViews.Agents.class,
        ClusterViews.Frameworks.class, ClusterViews.Tasks.class, ClusterViews.Roles.class,
        ClusterViews.State.class, LogsCommand.class, TopCommand.class})
public final class MesetaCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** --principal and --secret-file, inherited by every subcommand. */
  @CommandLine.Mixin
  ClientAuth clientAuth = new ClientAuth();

  /** --tls-ca, inherited by every subcommand (servers and clients alike). */
  @CommandLine.Mixin
  ClientTls clientTls = new ClientTls();

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The command line with Meseta's error handling: a bad value prints what to fix, exit 2. */
  public static CommandLine commandLine() {
    ClientAuth.reset();
    ClientTls.reset();
    CommandLine cli = new CommandLine(new MesetaCommand());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof IllegalArgumentException) {
        commandLine.getErr().println("meseta: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cli;
  }
}
