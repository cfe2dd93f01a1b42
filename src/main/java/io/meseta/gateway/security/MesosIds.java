package io.meseta.gateway.security;

import java.util.Optional;

/**
 * Mesos' rule for ids ({@code common::validation::validateID}): framework, task, executor and
 * agent ids name directories and appear in paths and logs, so they must not be empty, {@code .}
 * or {@code ..}, longer than the limit, or contain {@code /}, {@code \}, whitespace or control
 * characters.
 */
public final class MesosIds {
  private MesosIds() {}

  /** The problem with {@code id} in {@code field}, or empty when it is a valid id. */
  public static Optional<String> problem(String field, String id, int maxLength) {
    if (id.isEmpty()) {
      return Optional.of("'" + field + "' must not be empty");
    }
    if (id.length() > maxLength) {
      return Optional.of("'" + field + "' is " + id.length() + " characters long; ids may have"
          + " at most " + maxLength + " (limits.max_id_length)");
    }
    if (id.equals(".") || id.equals("..")) {
      return Optional.of("'" + field + "' must not be '" + id + "'");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '/' || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return Optional.of("'" + field + "' contains an invalid character at position " + i
            + ": ids must not contain '/', '\\', whitespace or control characters");
      }
    }
    return Optional.empty();
  }
}
