package io.meseta.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parsing of agent flag values that picocli cannot type by itself. */
final class AgentOptions {
  private AgentOptions() {}

  /** Mesos' attribute text form: {@code rack:r1;os:debian}. */
  static Map<String, String> attributes(String text) {
    Map<String, String> attributes = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return attributes;
    }
    for (String pair : text.split(";")) {
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon == pair.length() - 1) {
        throw new IllegalArgumentException(
            "attribute '" + pair + "' must look like name:value (e.g. rack:r1;os:debian)");
      }
      attributes.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
    }
    return attributes;
  }
}
