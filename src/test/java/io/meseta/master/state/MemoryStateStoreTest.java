package io.meseta.master.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryStateStoreTest {
  private final MemoryStateStore store = new MemoryStateStore();

  @Test
  void writesAreReadBackAsCopies() {
    JsonObject weight = new JsonObject().put("weight", 2.0);
    store.put(StateStore.WEIGHTS, 1, "eng", weight);
    weight.put("weight", 99.0);
    Map<String, JsonObject> entries = store.entries(StateStore.WEIGHTS).result();
    assertThat(entries.get("eng").getDouble("weight")).isEqualTo(2.0);
    entries.get("eng").put("weight", 7.0);
    assertThat(store.entries(StateStore.WEIGHTS).result().get("eng").getDouble("weight"))
        .isEqualTo(2.0);
  }

  @Test
  void aBatchPutsAndRemovesInOneWrite() {
    store.write(StateStore.QUOTAS, 1, Map.of("a", new JsonObject(), "b", new JsonObject()),
        List.of());
    store.write(StateStore.QUOTAS, 1, Map.of("c", new JsonObject()), List.of("a"));
    assertThat(store.entries(StateStore.QUOTAS).result()).containsOnlyKeys("b", "c");
  }

  @Test
  void aDeposedLeadersWriteIsRefusedAndChangesNothing() {
    store.put(StateStore.WEIGHTS, 5, "eng", new JsonObject().put("weight", 1.0));
    var refused = store.put(StateStore.WEIGHTS, 4, "eng", new JsonObject().put("weight", 9.0));
    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOf(StateStore.StaleEpochException.class)
        .hasMessageContaining("epoch 5 has written since");
    assertThat(store.entries(StateStore.WEIGHTS).result().get("eng").getDouble("weight"))
        .isEqualTo(1.0);
  }
}
