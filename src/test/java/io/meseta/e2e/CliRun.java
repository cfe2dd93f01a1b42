package io.meseta.e2e;

import io.meseta.cli.MesetaCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * One in-process run of the {@code meseta} command line: exit code, what it printed, and its
 * error output.
 */
record CliRun(int exitCode, String out, String err) {

  List<String> lines() {
    return out.lines().toList();
  }

  /**
   * For commands that print with {@code System.out} (execute, jobs, the views): that stream is
   * captured for the run, so logs other threads write to it meanwhile land in {@code out} too.
   */
  static CliRun capturingSystemOut(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      StringWriter err = new StringWriter();
      int code = commandLine(null, err).execute(args);
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(original);
    }
  }

  /** For commands that print to picocli's own writer (logs, top): only their output is kept. */
  static CliRun capturingCommandOut(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = commandLine(out, err).execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  private static CommandLine commandLine(StringWriter out, StringWriter err) {
    CommandLine cli = MesetaCommand.commandLine();
    if (out != null) {
      cli.setOut(new PrintWriter(out, true));
    }
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }
}
