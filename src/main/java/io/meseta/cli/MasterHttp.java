package io.meseta.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.meseta.tls.TlsScheme;
import io.meseta.tls.TlsTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The commands' HTTP client for JSON endpoints of a master (and of agents, for sandbox files).
 * Blocking, which is fine in a command-line process. Every failure says what to check.
 */
final class MasterHttp {
  /** The server answered, but refused: its {@code error} (or body) says why. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** Nobody answered at the address. */
  static final class Unreachable extends Exception {
    Unreachable(String message) {
      super(message, null, false, false);
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final HttpClient http;
  final String master;
  /** {@code https} when the address says so or a CA is given ({@code --tls-ca}). */
  private final String scheme;
  /** Sent to the master only, never to the agents behind it. */
  private final String authorization = ClientAuth.authorization();

  MasterHttp(String address) {
    String master = TlsScheme.strip(address);
    if (master == null || !master.matches("[^:/\\s]+:\\d{1,5}")) {
      throw new IllegalArgumentException("--master must be HOST:PORT (or https://HOST:PORT),"
          + " e.g. 127.0.0.1:5050, got '" + address + "'");
    }
    this.master = master;
    this.scheme = ClientTls.tlsTo(address) ? "https" : "http";
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
    this.http = (scheme.equals("https") ? ClientTls.applyTo(builder) : builder).build();
  }

  /** {@code http} or {@code https}: agents behind a TLS master are reached the same way. */
  String scheme() {
    return scheme;
  }

  /** A call to the master: {@code path} starts with a slash and may carry a query. */
  JsonObject call(String method, String path, String body) throws Refused, Unreachable {
    return send(scheme + "://" + master + path, method, body, "the master at " + master,
        authorization);
  }

  JsonObject send(String url, String method, String body, String who)
      throws Refused, Unreachable {
    return send(url, method, body, who, null);
  }

  private JsonObject send(String url, String method, String body, String who,
      String authorization) throws Refused, Unreachable {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (javax.net.ssl.SSLException e) {
      throw new Unreachable(TlsTrust.explain(e, who));
    } catch (IOException e) {
      throw new Unreachable("cannot reach " + who + " (" + e + "); is it running, and is the"
          + " address right" + (url.startsWith("https") ? "" : " (https:// for a TLS master)")
          + "?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while waiting for " + who);
    }
    JsonObject json;
    try {
      json = new JsonObject(response.body());
    } catch (DecodeException | ClassCastException e) {
      String text = response.body().strip();
      if (response.statusCode() == 401) {
        throw new Refused(text + " (give --principal and --secret-file, or set"
            + " MESETA_PRINCIPAL and MESETA_SECRET)");
      }
      if (response.statusCode() >= 400) {
        throw new Refused(text.isEmpty() ? "HTTP " + response.statusCode() : text);
      }
      throw new Refused(who + " answered with something other than JSON; is that address a"
          + " Meseta master?");
    }
    if (response.statusCode() >= 400) {
      throw new Refused(json.getString("error", "HTTP " + response.statusCode()));
    }
    return json;
  }
}
