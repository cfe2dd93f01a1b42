/**
 * TLS for every Meseta endpoint: the PEM identity a server presents ({@link TlsIdentity}), how a
 * client verifies a server ({@link TlsTrust}), and the {@code https://} form of an address
 * ({@link TlsScheme}). Depends on Vert.x option classes only, so the master, the agent, the
 * SDKs and the CLI share one set of rules and one wording of errors.
 */
package io.meseta.tls;
