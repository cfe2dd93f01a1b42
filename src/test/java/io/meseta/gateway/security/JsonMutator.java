package io.meseta.gateway.security;

import java.util.List;
import java.util.Random;

/** Mutation fuzzing of JSON input: valid seeds, edited at random but reproducibly. */
public final class JsonMutator {
  private static final String TOKENS = "{}[]\":,\\ 0123456789.-+eEtruefalsnl\u0000\u00e9\ud83d";

  /** Well-formed scheduler calls of most types, to mutate. */
  public static final List<String> SCHEDULER_CALLS = List.of(
      "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\","
          + "\"roles\":[\"r\"],\"capabilities\":[{\"type\":\"MULTI_ROLE\"}],"
          + "\"failover_timeout\":10.5,\"principal\":\"p\"}}}",
      "{\"framework_id\":{\"value\":\"F\"},\"type\":\"ACCEPT\",\"accept\":{\"offer_ids\":"
          + "[{\"value\":\"O1\"}],\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{\"task_infos\":"
          + "[{\"name\":\"t\",\"task_id\":{\"value\":\"t1\"},\"agent_id\":{\"value\":\"A\"},"
          + "\"command\":{\"shell\":true,\"value\":\"sleep 1\"},\"resources\":[{\"name\":\"cpus\","
          + "\"type\":\"SCALAR\",\"scalar\":{\"value\":0.1}},{\"name\":\"ports\",\"type\":\"RANGES\","
          + "\"ranges\":{\"range\":[{\"begin\":31000,\"end\":31001}]}}]}]}}],"
          + "\"filters\":{\"refuse_seconds\":5}}}",
      "{\"framework_id\":{\"value\":\"F\"},\"type\":\"ACKNOWLEDGE\",\"acknowledge\":{\"agent_id\":"
          + "{\"value\":\"A\"},\"task_id\":{\"value\":\"t\"},\"uuid\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}}",
      "{\"framework_id\":{\"value\":\"F\"},\"type\":\"RECONCILE\",\"reconcile\":{\"tasks\":"
          + "[{\"task_id\":{\"value\":\"t\"}}]}}",
      "{\"framework_id\":{\"value\":\"F\"},\"type\":\"MESSAGE\",\"message\":{\"agent_id\":"
          + "{\"value\":\"A\"},\"executor_id\":{\"value\":\"e\"},\"data\":\"aGVsbG8=\"}}",
      "{\"framework_id\":{\"value\":\"F\"},\"type\":\"DECLINE\",\"decline\":{\"offer_ids\":"
          + "[{\"value\":\"O1\"}],\"filters\":{\"refuse_seconds\":1e308}}}");

  /** Well-formed read-only operator calls ({@code POST /api/v1}), to mutate. */
  public static final List<String> OPERATOR_CALLS = List.of(
      "{\"type\":\"GET_STATE\"}",
      "{\"type\":\"GET_TASKS\"}",
      "{\"type\":\"GET_AGENTS\"}",
      "{\"type\":\"GET_FRAMEWORKS\"}",
      "{\"type\":\"GET_METRICS\",\"get_metrics\":{\"timeout\":{\"nanoseconds\":1000000}}}",
      "{\"type\":\"GET_ROLES\"}",
      "{\"type\":\"GET_QUOTA\"}");

  private JsonMutator() {}

  /** Applies {@code mutations} random edits: deletions, insertions, copies, replacements. */
  public static String mutate(String seed, Random random, int mutations) {
    StringBuilder text = new StringBuilder(seed);
    for (int i = 0; i < mutations && text.length() > 0; i++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(6)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, TOKENS.charAt(random.nextInt(TOKENS.length())));
        case 2 -> text.setCharAt(at, TOKENS.charAt(random.nextInt(TOKENS.length())));
        case 3 -> {
          int end = Math.min(text.length(), at + random.nextInt(40));
          text.insert(random.nextInt(text.length()), text.substring(at, end));
        }
        case 4 -> text.delete(at, Math.min(text.length(), at + random.nextInt(20)));
        default -> text.insert(at, random.nextBoolean() ? "\"" + "x".repeat(random.nextInt(300))
            + "\"" : String.valueOf(random.nextLong()));
      }
    }
    return text.toString();
  }
}
