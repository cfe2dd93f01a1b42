package io.meseta.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code prod=10,batch=0}: the role priorities of the priority allocation policy. */
final class RolePriorities {
  private RolePriorities() {}

  static Map<String, Integer> parse(String text) {
    Map<String, Integer> priorities = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return priorities;
    }
    for (String pair : text.split(",")) {
      String[] parts = pair.split("=", -1);
      if (parts.length != 2 || parts[0].isBlank()) {
        throw new IllegalArgumentException(
            "role priority '" + pair.trim() + "' must look like role=number, e.g. prod=10");
      }
      try {
        priorities.put(parts[0].trim(), Integer.parseInt(parts[1].trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("priority of role '" + parts[0].trim()
            + "' must be a whole number, got '" + parts[1].trim() + "'");
      }
    }
    return priorities;
  }
}
