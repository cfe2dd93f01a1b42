package io.meseta.client;

/**
 * One entry of the driver's master list, "host:port" ("[::1]:5050" for IPv6); an "https://"
 * prefix (which the driver reads from the text itself) asks for TLS.
 */
record MasterAddress(String host, int port) {

  static MasterAddress parse(String address) {
    String hostAndPort = io.meseta.tls.TlsScheme.strip(address);
    int colon = hostAndPort == null ? -1 : hostAndPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostAndPort.length() - 1) {
      throw new IllegalArgumentException(
          "master address must be \"host:port\", e.g. \"127.0.0.1:5050\", got \""
              + hostAndPort + "\"");
    }
    String host = hostAndPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(hostAndPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "master address \"" + hostAndPort + "\" needs a port between 1 and 65535");
    }
    return new MasterAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
