package io.meseta.gateway.scheduler;

import java.util.Locale;

/** The two encodings of the Mesos scheduler API, and {@code Accept} header matching. */
final class MediaTypes {
  static final String JSON = "application/json";
  static final String PROTOBUF = "application/x-protobuf";

  private MediaTypes() {}

  /**
   * libprocess {@code Request::acceptsMediaType}: no Accept header accepts everything; otherwise a
   * comma list (duplicates allowed) of types, {@code type/*} and {@code * / *} wildcards, and
   * {@code q} parameters where {@code q=0} means "not acceptable".
   */
  static boolean accepts(String accept, String mediaType) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    String wanted = mediaType.toLowerCase(Locale.ROOT);
    String wantedFamily = wanted.substring(0, wanted.indexOf('/') + 1) + "*";
    for (String entry : accept.split(",")) {
      String[] parts = entry.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      if ((type.equals(wanted) || type.equals(wantedFamily) || type.equals("*/*"))
          && quality(parts) > 0) {
        return true;
      }
    }
    return false;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0; // an unreadable weight accepts nothing rather than everything
        }
      }
    }
    return 1;
  }
}
