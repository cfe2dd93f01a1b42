package io.meseta.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the master's Mesos-compatible operator endpoints ({@code /master/slaves}, ...) for the
 * view commands. Blocking, which is fine in a command-line process.
 */
final class OperatorClient {
  /** The master answered with an error; the message is its own. */
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

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String master;

  OperatorClient(String master) {
    if (master == null || !master.matches("[^:/\\s]+:\\d{1,5}")) {
      throw new IllegalArgumentException("--master must be HOST:PORT, e.g. 127.0.0.1:5050, got '"
          + master + "'");
    }
    this.master = master;
  }

  JsonObject get(String pathAndQuery) throws Refused, Unreachable {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + master + pathAndQuery))
        .timeout(TIMEOUT).GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unreachable("cannot reach the master at " + master + " (" + e
          + "); is it running, and is --master right?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while waiting for the master at " + master);
    }
    if (response.statusCode() != 200) {
      throw new Refused(pathAndQuery + " answered HTTP " + response.statusCode() + ": "
          + response.body().strip());
    }
    try {
      return new JsonObject(response.body());
    } catch (DecodeException e) {
      throw new Refused(master + " answered " + pathAndQuery
          + " with something other than JSON; is that address a Meseta master?");
    }
  }
}
