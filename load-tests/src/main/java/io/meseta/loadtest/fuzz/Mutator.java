package io.meseta.loadtest.fuzz;

import io.meseta.gateway.security.JsonMutator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutations of valid seeds, reproducible from the {@link Random} they are given: structural edits of
 * the parsed JSON (type flips, dropped and duplicated fields, huge numbers, unicode, deep nesting),
 * text edits ({@link JsonMutator}), truncation and random bytes.
 */
final class Mutator {
  private static final Object[] ODD_VALUES = {
    Long.MAX_VALUE, Long.MIN_VALUE, 1e308, -1e308, 0, -1, 4294967296L, 1.5, "", " ", "\u0000",
    "\u00e9\u4e2d\ud83d\ude00", "x".repeat(5000), "../../etc/passwd", "%s%n", true, false, null,
    new JsonObject(), new JsonArray(), "NaN", "-9223372036854775809", "SUBSCRIBE", "TASK_FINISHED"};

  private Mutator() {}

  /** One mutated input of {@code seed} (JSON text). */
  static byte[] mutateJson(String seed, Random random) {
    return switch (random.nextInt(10)) {
      case 0, 1, 2, 3 -> structural(seed, random, 1 + random.nextInt(3))
          .getBytes(StandardCharsets.UTF_8);
      case 4, 5 -> JsonMutator.mutate(seed, random, 1 + random.nextInt(8))
          .getBytes(StandardCharsets.UTF_8);
      case 6 -> deepNesting(seed, random).getBytes(StandardCharsets.UTF_8);
      case 7 -> truncate(seed.getBytes(StandardCharsets.UTF_8), random);
      case 8 -> mutateBytes(seed.getBytes(StandardCharsets.UTF_8), random);
      default -> seed.getBytes(StandardCharsets.UTF_8);
    };
  }

  /** Byte-level edits: flips, inserted, deleted and duplicated runs, truncation, random tails. */
  static byte[] mutateBytes(byte[] seed, Random random) {
    List<Byte> bytes = new ArrayList<>(seed.length + 16);
    for (byte b : seed) {
      bytes.add(b);
    }
    int edits = 1 + random.nextInt(6);
    for (int i = 0; i < edits; i++) {
      int at = bytes.isEmpty() ? 0 : random.nextInt(bytes.size());
      switch (random.nextInt(5)) {
        case 0 -> {
          if (!bytes.isEmpty()) {
            bytes.set(at, (byte) (bytes.get(at) ^ (1 << random.nextInt(8))));
          }
        }
        case 1 -> bytes.add(at, (byte) random.nextInt(256));
        case 2 -> {
          if (!bytes.isEmpty()) {
            bytes.subList(at, Math.min(bytes.size(), at + 1 + random.nextInt(8))).clear();
          }
        }
        case 3 -> {
          List<Byte> run = new ArrayList<>(
              bytes.subList(at, Math.min(bytes.size(), at + random.nextInt(32))));
          bytes.addAll(random.nextInt(bytes.size() + 1), run);
        }
        default -> {
          if (!bytes.isEmpty()) {
            bytes.set(at, (byte) 0xff);
          }
        }
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }

  static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(512)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] truncate(byte[] seed, Random random) {
    byte[] out = new byte[random.nextInt(seed.length + 1)];
    System.arraycopy(seed, 0, out, 0, out.length);
    return out;
  }

  private static String deepNesting(String seed, Random random) {
    int depth = 1 + random.nextInt(random.nextBoolean() ? 64 : 5000);
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    JsonObject parsed = new JsonObject(seed);
    String key = randomKey(parsed, random);
    return seed.substring(0, seed.length() - 1) + ",\"" + (key == null ? "x" : key + "_n") + "\":"
        + open.repeat(depth) + "1" + close.repeat(random.nextInt(4) == 0 ? depth / 2 : depth) + "}";
  }

  /** Applies {@code edits} edits to a random object or array inside the parsed seed. */
  static String structural(String seed, Random random, int edits) {
    JsonObject root = new JsonObject(seed);
    for (int i = 0; i < edits; i++) {
      Object container = pickContainer(root, random);
      if (container instanceof JsonObject object && !object.isEmpty()) {
        String key = randomKey(object, random);
        switch (random.nextInt(5)) {
          case 0 -> object.remove(key);
          case 1 -> object.put(key, odd(random));
          case 2 -> object.put(key, flip(object.getValue(key)));
          case 3 -> object.put(key + (random.nextBoolean() ? "" : "_dup"), object.getValue(key));
          default -> object.put(unicodeKey(random), object.getValue(key));
        }
      } else if (container instanceof JsonArray array && !array.isEmpty()) {
        int at = random.nextInt(array.size());
        switch (random.nextInt(3)) {
          case 0 -> array.remove(at);
          case 1 -> array.add(array.getValue(at));
          default -> array.set(at, odd(random));
        }
      }
    }
    String text = root.encode();
    // A duplicated key: JSON objects cannot hold one, so it is spliced into the text.
    if (random.nextInt(8) == 0 && text.length() > 2) {
      String key = randomKey(root, random);
      if (key != null) {
        text = "{\"" + key + "\":" + odd(random) + "," + text.substring(1);
      }
    }
    return text;
  }

  private static Object pickContainer(JsonObject root, Random random) {
    Object current = root;
    while (random.nextInt(3) != 0) {
      List<Object> children = new ArrayList<>();
      if (current instanceof JsonObject object) {
        object.forEach(e -> addIfContainer(children, e.getValue()));
      } else if (current instanceof JsonArray array) {
        array.forEach(v -> addIfContainer(children, v));
      }
      if (children.isEmpty()) {
        break;
      }
      current = children.get(random.nextInt(children.size()));
    }
    return current;
  }

  private static void addIfContainer(List<Object> children, Object value) {
    if (value instanceof JsonObject || value instanceof JsonArray) {
      children.add(value);
    }
  }

  private static String randomKey(JsonObject object, Random random) {
    List<String> keys = new ArrayList<>(object.fieldNames());
    return keys.isEmpty() ? null : keys.get(random.nextInt(keys.size()));
  }

  private static Object odd(Random random) {
    Object value = ODD_VALUES[random.nextInt(ODD_VALUES.length)];
    return value instanceof JsonObject o ? o.copy() : value instanceof JsonArray a ? a.copy() : value;
  }

  /** The same value as another JSON type: numbers as strings, strings as numbers, objects as arrays. */
  private static Object flip(Object value) {
    if (value instanceof Number number) {
      return number.toString();
    }
    if (value instanceof String text) {
      return text.isEmpty() ? 0 : new JsonArray().add(text);
    }
    if (value instanceof JsonObject object) {
      return new JsonArray().add(object);
    }
    if (value instanceof JsonArray array) {
      return array.isEmpty() ? new JsonObject() : array.getValue(0);
    }
    if (value instanceof Boolean bool) {
      return bool ? 1 : "false";
    }
    return "null";
  }

  private static String unicodeKey(Random random) {
    String[] keys = {"\u00e9t\u00e9", "\ud83d\ude00", "type\u0000", "TYPE", "__proto__", ""};
    return keys[random.nextInt(keys.length)];
  }
}
