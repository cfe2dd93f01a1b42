package io.meseta.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meseta agents|frameworks|tasks|roles|state}: the operator endpoints as tables. */
final class ClusterViews {
  private ClusterViews() {}

  /** Enough for every task of a large cluster; {@code /master/tasks} pages by 100 otherwise. */
  private static final int ALL_TASKS = 1_000_000;

  @Command(name = "agents", mixinStandardHelpOptions = true,
      description = "List the agents: resources used/total and active tasks (/master/slaves).")
  static final class Agents extends ViewCommand {
    @Override
    String path() {
      return "/master/slaves";
    }

    @Override
    void printTable(JsonObject answer, OperatorClient client, PrintStream out)
        throws MasterHttp.Refused, MasterHttp.Unreachable {
      Map<String, Integer> tasksByAgent = new HashMap<>();
      for (JsonObject task : ViewCommand.objects(
          client.get("/master/tasks?limit=" + ALL_TASKS).getJsonArray("tasks"))) {
        if (active(task.getString("state"))) {
          tasksByAgent.merge(task.getString("slave_id", ""), 1, Integer::sum);
        }
      }
      TextTable table = new TextTable("ID", "HOSTNAME", "ACTIVE", "CPUS", "MEM", "DISK", "TASKS");
      for (JsonObject agent : objects(answer.getJsonArray("slaves"))) {
        JsonObject total = agent.getJsonObject("resources");
        JsonObject used = agent.getJsonObject("used_resources");
        table.row(agent.getString("id"), agent.getString("hostname"),
            agent.getBoolean("active", false),
            TextTable.usedOfTotal(scalar(used, "cpus"), scalar(total, "cpus")),
            TextTable.usedOfTotal(scalar(used, "mem"), scalar(total, "mem")),
            TextTable.usedOfTotal(scalar(used, "disk"), scalar(total, "disk")),
            tasksByAgent.getOrDefault(agent.getString("id"), 0));
      }
      table.print(out);
    }
  }

  @Command(name = "frameworks", mixinStandardHelpOptions = true,
      description = "List the registered frameworks (/master/frameworks).")
  static final class Frameworks extends ViewCommand {
    @Override
    String path() {
      return "/master/frameworks";
    }

    @Override
    void printTable(JsonObject answer, OperatorClient client, PrintStream out) {
      TextTable table = new TextTable(
          "ID", "NAME", "ROLE", "ACTIVE", "CONNECTED", "TASKS", "CPUS", "MEM", "OFFERS");
      for (JsonObject framework : objects(answer.getJsonArray("frameworks"))) {
        JsonObject used = framework.getJsonObject("used_resources");
        table.row(framework.getString("id"), framework.getString("name"),
            framework.getString("role", "*"), framework.getBoolean("active", false),
            framework.getBoolean("connected", false),
            objects(framework.getJsonArray("tasks")).size(),
            TextTable.number(scalar(used, "cpus")), TextTable.number(scalar(used, "mem")),
            objects(framework.getJsonArray("offers")).size());
      }
      table.print(out);
    }
  }

  @Command(name = "tasks", mixinStandardHelpOptions = true,
      description = "List tasks, newest first (/master/tasks).")
  static final class Tasks extends ViewCommand {
    @Option(names = "--limit", defaultValue = "100",
        description = "at most this many tasks (default 100, as Mesos)")
    int limit;

    @Option(names = "--framework", description = "only this framework's tasks (its id)")
    String framework;

    @Override
    String path() {
      if (limit < 1) {
        throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
      }
      return "/master/tasks?order=desc&limit=" + limit + (framework == null ? ""
          : "&framework_id=" + URLEncoder.encode(framework, StandardCharsets.UTF_8));
    }

    @Override
    void printTable(JsonObject answer, OperatorClient client, PrintStream out) {
      TextTable table = new TextTable("ID", "NAME", "STATE", "FRAMEWORK", "AGENT", "CPUS", "MEM");
      for (JsonObject task : objects(answer.getJsonArray("tasks"))) {
        JsonObject resources = task.getJsonObject("resources");
        table.row(task.getString("id"), task.getString("name", ""),
            shortState(task.getString("state")), task.getString("framework_id"),
            task.getString("slave_id", "-"), TextTable.number(scalar(resources, "cpus")),
            TextTable.number(scalar(resources, "mem")));
      }
      table.print(out);
    }
  }

  @Command(name = "roles", mixinStandardHelpOptions = true,
      description = "List roles: weight, frameworks, allocation and quota (/master/roles).")
  static final class Roles extends ViewCommand {
    @Override
    String path() {
      return "/master/roles";
    }

    @Override
    void printTable(JsonObject answer, OperatorClient client, PrintStream out) {
      TextTable table = new TextTable(
          "NAME", "WEIGHT", "FRAMEWORKS", "CPUS", "MEM", "GUARANTEE CPUS", "LIMIT CPUS");
      for (JsonObject role : objects(answer.getJsonArray("roles"))) {
        JsonObject allocated = role.getJsonObject("allocated");
        JsonObject quota = role.getJsonObject("quota", new JsonObject());
        JsonObject limit = quota.getJsonObject("limit", new JsonObject());
        table.row(role.getString("name"), TextTable.number(role.getDouble("weight", 1.0)),
            role.getJsonArray("frameworks", new JsonArray()).size(),
            TextTable.number(scalar(allocated, "cpus")), TextTable.number(scalar(allocated, "mem")),
            TextTable.number(scalar(quota.getJsonObject("guarantee"), "cpus")),
            limit.containsKey("cpus") ? TextTable.number(limit.getDouble("cpus")) : "-");
      }
      table.print(out);
    }
  }

  @Command(name = "state", mixinStandardHelpOptions = true,
      description = "Summarise the cluster: master, agents, frameworks, tasks (/master/state).")
  static final class State extends ViewCommand {
    @Override
    String path() {
      return "/master/state";
    }

    @Override
    void printTable(JsonObject answer, OperatorClient client, PrintStream out) {
      double[] used = new double[2];
      double[] total = new double[2];
      for (JsonObject agent : objects(answer.getJsonArray("slaves"))) {
        used[0] += scalar(agent.getJsonObject("used_resources"), "cpus");
        used[1] += scalar(agent.getJsonObject("used_resources"), "mem");
        total[0] += scalar(agent.getJsonObject("resources"), "cpus");
        total[1] += scalar(agent.getJsonObject("resources"), "mem");
      }
      Map<String, Integer> tasksByState = new TreeMap<>();
      for (JsonObject framework : objects(answer.getJsonArray("frameworks"))) {
        for (String group : new String[] {"tasks", "completed_tasks"}) {
          objects(framework.getJsonArray(group)).forEach(task ->
              tasksByState.merge(shortState(task.getString("state")), 1, Integer::sum));
        }
      }
      StringBuilder tasks = new StringBuilder();
      tasksByState.forEach((state, count) ->
          tasks.append(tasks.length() == 0 ? "" : ", ").append(count).append(' ')
              .append(state.toLowerCase(Locale.ROOT)));
      TextTable.withoutHeader(2)
          .row("MASTER", answer.getString("id") + " (" + answer.getString("hostname", "") + ")")
          .row("VERSION", answer.getString("version", "-"))
          .row("AGENTS", answer.getInteger("activated_slaves", 0) + " active, "
              + answer.getInteger("unreachable_slaves", 0) + " unreachable")
          .row("FRAMEWORKS", objects(answer.getJsonArray("frameworks")).size() + " registered, "
              + objects(answer.getJsonArray("completed_frameworks")).size() + " completed")
          .row("TASKS", tasks.length() == 0 ? "none" : tasks)
          .row("CPUS", TextTable.usedOfTotal(used[0], total[0]) + " used")
          .row("MEM", TextTable.usedOfTotal(used[1], total[1]) + " MB used")
          .print(out);
    }
  }
}
