package io.meseta.tls;

/**
 * A node's TLS: the identity its own server presents (null = it serves plain HTTP) and how it
 * verifies the servers it calls (null = it calls {@code https://} addresses against the JVM's
 * trust store and everything else in plain text).
 */
public record TlsSettings(TlsIdentity identity, TlsTrust trust) {
  public static final TlsSettings OFF = new TlsSettings(null, null);

  public boolean serves() {
    return identity != null;
  }

  /** How this node verifies other servers: its CA when given, else the JVM's trust store. */
  public TlsTrust trustOrSystem() {
    return trust != null ? trust : TlsTrust.systemDefault();
  }

  /**
   * How a client of this node's own server verifies it (the node's internal clients, its
   * executors): the CA when given, else the node's own certificate, which then serves as the
   * trust anchor, so a self-signed certificate works without a CA file.
   *
   * @throws IllegalStateException when the node serves no TLS
   */
  public TlsTrust trustForOwnServer() {
    if (identity == null) {
      throw new IllegalStateException("this node serves no TLS; there is nothing to trust");
    }
    return trust != null ? trust : new TlsTrust(identity.certificate());
  }

  /** Whether a call to {@code address} uses TLS: an {@code https://} address or a given CA. */
  public boolean tlsTo(String address) {
    return TlsScheme.isTls(address) || trust != null;
  }
}
