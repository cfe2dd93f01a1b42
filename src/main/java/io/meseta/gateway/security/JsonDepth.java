package io.meseta.gateway.security;

import java.util.Optional;

/**
 * Measures how deeply a JSON text nests, in one pass without building anything, so a hostile
 * {@code [[[[...]]]]} is refused before a recursive decoder can run out of stack on it.
 */
public final class JsonDepth {
  private JsonDepth() {}

  /** The problem when {@code json} nests deeper than {@code max} objects and arrays. */
  public static Optional<String> problem(String json, int max) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++; // the escaped character cannot end the string
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > max) {
          return Optional.of("JSON nests deeper than " + max + " levels of objects and arrays"
              + " (limits.max_json_depth); no Mesos call needs that many");
        }
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return Optional.empty();
  }
}
