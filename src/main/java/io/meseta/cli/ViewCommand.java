package io.meseta.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * A read-only view of the cluster: one operator endpoint, printed as a table or, with {@code
 * --json}, as the master's JSON. Exit codes: 0 printed, 1 the master answered with an error, 2 a
 * bad flag, 3 the master could not be reached.
 */
abstract class ViewCommand implements Callable<Integer> {
  static final int EXIT_REFUSED = 1;
  static final int EXIT_UNREACHABLE = 3;

  @Option(names = "--master", required = true, description = "the master, HOST:PORT")
  String master;

  @Option(names = "--json", description = "print the master's JSON instead of a table")
  boolean json;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The endpoint this view reads, with its query. */
  abstract String path();

  /** Prints {@code answer} (what {@link #path()} returned) for a person. */
  abstract void printTable(JsonObject answer, OperatorClient client, PrintStream out)
      throws MasterHttp.Refused, MasterHttp.Unreachable;

  @Override
  public final Integer call() {
    OperatorClient client = new OperatorClient(master);
    try {
      JsonObject answer = client.get(path());
      if (json) {
        System.out.println(answer.encodePrettily());
      } else {
        printTable(answer, client, System.out);
      }
      return 0;
    } catch (MasterHttp.Refused e) {
      spec.commandLine().getErr().println("meseta " + spec.name() + ": " + e.getMessage());
      return EXIT_REFUSED;
    } catch (MasterHttp.Unreachable e) {
      spec.commandLine().getErr().println("meseta " + spec.name() + ": " + e.getMessage());
      return EXIT_UNREACHABLE;
    }
  }

  static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> list = new ArrayList<>();
    if (array != null) {
      array.forEach(o -> list.add((JsonObject) o));
    }
    return list;
  }

  static double scalar(JsonObject resources, String name) {
    return resources == null ? 0.0 : resources.getDouble(name, 0.0);
  }

  /** A Mesos task state without its prefix: {@code TASK_RUNNING} reads {@code RUNNING}. */
  static String shortState(String state) {
    return state == null ? "-" : state.replaceFirst("^TASK_", "");
  }

  /** Whether a task in {@code state} still holds resources on its agent. */
  static boolean active(String state) {
    return switch (shortState(state)) {
      case "STAGING", "STARTING", "RUNNING", "KILLING" -> true;
      default -> false;
    };
  }
}
