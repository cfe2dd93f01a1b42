package io.meseta.agent;

/**
 * One entry of the agent's master list, {@code host:port} (IPv6 as {@code [::1]:5050}); an
 * {@code https://} prefix asks for TLS, which the connection reads from the text itself.
 */
record MasterAddress(String host, int port) {

  static MasterAddress parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("master address is empty; expected host:port");
    }
    text = io.meseta.tls.TlsScheme.strip(text);
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("master address '" + text + "' is not host:port");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("master address '" + text + "' has no numeric port", e);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("master address '" + text + "' has port out of range");
    }
    return new MasterAddress(host, port);
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
