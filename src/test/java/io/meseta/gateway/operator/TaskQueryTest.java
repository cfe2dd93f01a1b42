package io.meseta.gateway.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskQueryTest {
  private static JsonObject task(String id, String framework, double started) {
    return new JsonObject().put("id", id).put("framework_id", framework).put("statuses",
        new JsonArray().add(new JsonObject().put("state", "TASK_RUNNING").put("timestamp",
            started + 1)).add(new JsonObject().put("state", "TASK_STAGING").put("timestamp",
            started)));
  }

  private static final List<JsonObject> TASKS = List.of(
      task("b", "f1", 20), task("a", "f1", 10), task("c", "f2", 30));

  private static List<String> ids(String query) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    if (!query.isEmpty()) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        params.add(kv[0], kv[1]);
      }
    }
    return TaskQuery.parse(params).apply(TASKS).getJsonArray("tasks").stream()
        .map(t -> ((JsonObject) t).getString("id")).toList();
  }

  @Test
  void defaultIsNewestFirstByEarliestStatusTime() {
    assertThat(ids("")).containsExactly("c", "b", "a");
    assertThat(ids("order=asc")).containsExactly("a", "b", "c");
  }

  @Test
  void filtersThenPages() {
    assertThat(ids("framework_id=f1")).containsExactly("b", "a");
    assertThat(ids("task_id=a")).containsExactly("a");
    assertThat(ids("limit=1&offset=1")).containsExactly("b");
    assertThat(ids("offset=5")).isEmpty();
    assertThat(ids("limit=0")).isEmpty();
  }

  @Test
  void badParametersSayWhatIsAllowed() {
    assertThatThrownBy(() -> ids("limit=-1"))
        .hasMessage("Invalid 'limit' parameter '-1': expected a whole number from 0 to "
            + Integer.MAX_VALUE + " (default 100)");
    assertThatThrownBy(() -> ids("offset=x"))
        .hasMessageContaining("Invalid 'offset' parameter 'x'");
    assertThatThrownBy(() -> ids("order=sideways"))
        .hasMessage(
            "Invalid 'order' parameter 'sideways': expected 'asc' or 'desc' (default 'desc')");
  }
}
