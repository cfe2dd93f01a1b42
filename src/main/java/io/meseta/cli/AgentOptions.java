package io.meseta.cli;

import io.meseta.agent.AgentConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** Parsing of agent flag values that picocli cannot type by itself. */
final class AgentOptions {
  private AgentOptions() {}

  /** {@code --recover=reconnect|cleanup}, lower case as in Mesos. */
  static final class RecoverConverter implements CommandLine.ITypeConverter<AgentConfig.Recover> {
    @Override
    public AgentConfig.Recover convert(String value) {
      return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "reconnect" -> AgentConfig.Recover.RECONNECT;
        case "cleanup" -> AgentConfig.Recover.CLEANUP;
        default -> throw new CommandLine.TypeConversionException("--recover must be 'reconnect'"
            + " (re-adopt running tasks) or 'cleanup' (kill them and start afresh), got '"
            + value + "'");
      };
    }
  }

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
