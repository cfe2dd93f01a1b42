package io.meseta.tls;

import java.util.Locale;

/**
 * Addresses given as {@code https://host:port} (or {@code wss://}) ask for TLS;
 * {@code http://}, {@code ws://} and bare {@code host:port} do not. The scheme is stripped before
 * the address is parsed, so every parser of {@code host:port} accepts both forms.
 */
public final class TlsScheme {
  private TlsScheme() {}

  public static boolean isTls(String address) {
    String lower = address == null ? "" : address.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("wss://");
  }

  /** {@code host:port} without the scheme and without a trailing {@code /}. */
  public static String strip(String address) {
    if (address == null) {
      return null;
    }
    String text = address.trim();
    int scheme = text.indexOf("://");
    if (scheme > 0) {
      text = text.substring(scheme + 3);
    }
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }
}
