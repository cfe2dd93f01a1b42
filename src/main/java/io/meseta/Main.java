package io.meseta;

import io.meseta.cli.MesetaCommand;
import picocli.CommandLine;

/** Entry point of {@code java -jar meseta.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(MesetaCommand.commandLine().execute(args));
  }
}
