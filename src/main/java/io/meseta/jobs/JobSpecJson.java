package io.meseta.jobs;

import io.meseta.core.placement.Constraint;
import io.meseta.core.resources.Resources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a job submission, e.g.
 * {@code {"name":"train","command":"./train.sh","resources":"cpus:2;mem:1024","priority":5,
 * "estimated_runtime":"10m","constraints":["rack EQUALS r1"],
 * "restart":{"max_retries":2,"backoff":"30s"},"gang_size":4,"queue":"ml"}}. Unknown fields are
 * refused (a misspelt "gang_size" must not silently start one task), and every error names the
 * field and what to write instead.
 */
public final class JobSpecJson {
  static final Set<String> FIELDS = Set.of("name", "command", "resources", "priority",
      "estimated_runtime", "constraints", "restart", "gang_size", "queue");
  private static final Set<String> RESTART_FIELDS = Set.of("max_retries", "backoff");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private JobSpecJson() {}

  public static JobSpec parse(JsonObject json) {
    requireKnown(json, FIELDS, "");
    JsonObject restart = object(json, "restart");
    RestartPolicy policy = RestartPolicy.NEVER;
    if (restart != null) {
      requireKnown(restart, RESTART_FIELDS, "restart.");
      policy = new RestartPolicy(integer(restart, "restart.max_retries", 0),
          duration(restart.getValue("backoff"), "restart.backoff", Duration.ZERO));
    }
    String resources = string(json, "resources");
    return new JobSpec(
        json.containsKey("name") ? string(json, "name") : "job",
        string(json, "command"),
        resources == null ? null : Resources.parse(resources),
        integer(json, "priority", 0),
        duration(json.getValue("estimated_runtime"), "estimated_runtime", null),
        constraints(json.getValue("constraints")),
        policy,
        integer(json, "gang_size", 1),
        string(json, "queue"));
  }

  /** The text form used by the CLI and in JSON arrays: {@code ATTRIBUTE OPERATOR [VALUE]}. */
  public static Constraint constraint(String text) {
    String[] parts = text.trim().split("\\s+", 3);
    if (parts.length < 2 || parts[0].isEmpty()) {
      throw new IllegalArgumentException("constraint '" + text + "' must read ATTRIBUTE OPERATOR"
          + " [VALUE], e.g. \"rack EQUALS r1\" or \"gpu EXISTS\"");
    }
    return new Constraint(parts[0], Constraint.Operator.parse(parts[1]),
        parts.length == 3 ? parts[2] : null);
  }

  private static List<Constraint> constraints(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new IllegalArgumentException("constraints must be a list such as [\"rack EQUALS r1\"]");
    }
    List<Constraint> constraints = new ArrayList<>();
    for (Object item : array) {
      if (item instanceof String text) {
        constraints.add(constraint(text));
      } else if (item instanceof JsonObject c) {
        requireKnown(c, Set.of("attribute", "operator", "value"), "constraints[].");
        String operator = string(c, "operator");
        if (operator == null) {
          throw new IllegalArgumentException("constraints[].operator is missing; use EQUALS,"
              + " NOT_EQUALS, EXISTS, NOT_EXISTS or MATCHES");
        }
        constraints.add(new Constraint(string(c, "attribute"), Constraint.Operator.parse(operator),
            string(c, "value")));
      } else {
        throw new IllegalArgumentException("each constraint must be a string such as"
            + " \"rack EQUALS r1\" or an object {\"attribute\",\"operator\",\"value\"}");
      }
    }
    return constraints;
  }

  static Duration duration(Object value, String field, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      double seconds = n.doubleValue();
      if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException(field + " must not be negative, got " + value);
      }
      return Duration.ofMillis(Math.round(seconds * 1000));
    }
    Matcher m = DURATION.matcher(value.toString().trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(field + " must be seconds or a duration like 500ms, 30s,"
          + " 10m or 2h, got '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private static void requireKnown(JsonObject json, Set<String> known, String prefix) {
    for (String field : json.fieldNames()) {
      if (!known.contains(field)) {
        throw new IllegalArgumentException("unknown field '" + prefix + field + "'; known fields: "
            + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  private static String string(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new IllegalArgumentException(field + " must be a string, got " + value);
  }

  private static JsonObject object(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    throw new IllegalArgumentException(field + " must be an object such as"
        + " {\"max_retries\":2,\"backoff\":\"10s\"}, got " + value);
  }

  private static int integer(JsonObject json, String field, int fallback) {
    String key = field.substring(field.lastIndexOf('.') + 1);
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw new IllegalArgumentException(field + " must be a whole number, got " + value);
  }
}
