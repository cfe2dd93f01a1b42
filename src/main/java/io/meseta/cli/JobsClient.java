package io.meseta.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The {@code meseta jobs} commands' HTTP client for the master's {@code /api/v1/jobs} and the
 * agents' {@code /files/read}. Blocking, which is fine in a command-line process.
 */
final class JobsClient {
  /** The master answered, but refused: its {@code error} says why. */
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

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String master;

  JobsClient(String master) {
    if (master == null || !master.matches("[^:/\\s]+:\\d{1,5}")) {
      throw new IllegalArgumentException("--master must be HOST:PORT, e.g. 127.0.0.1:5050, got '"
          + master + "'");
    }
    this.master = master;
  }

  JsonObject submit(JsonObject job) throws Refused, Unreachable {
    return call("POST", "/api/v1/jobs", job.encode());
  }

  JsonObject list(String state) throws Refused, Unreachable {
    return call("GET", "/api/v1/jobs" + (state == null ? "" : "?state=" + encode(state)), null);
  }

  JsonObject get(String id) throws Refused, Unreachable {
    return call("GET", "/api/v1/jobs/" + encode(id), null);
  }

  JsonObject kill(String id) throws Refused, Unreachable {
    return call("DELETE", "/api/v1/jobs/" + encode(id), null);
  }

  JsonObject why(String id) throws Refused, Unreachable {
    return call("GET", "/api/v1/jobs/" + encode(id) + "/why", null);
  }

  /** One page of a sandbox file from the agent that ran the task. */
  JsonObject readFile(String agent, String path, long offset, int length)
      throws Refused, Unreachable {
    return send("http://" + agent + "/files/read?path=" + encode(path) + "&offset=" + offset
        + "&length=" + length, "GET", null, agent);
  }

  private JsonObject call(String method, String path, String body) throws Refused, Unreachable {
    return send("http://" + master + path, method, body, master);
  }

  private JsonObject send(String url, String method, String body, String who)
      throws Refused, Unreachable {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unreachable("cannot reach " + who + " (" + e + "); is it running, and is the"
          + " address right?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while waiting for " + who);
    }
    JsonObject json;
    try {
      json = new JsonObject(response.body());
    } catch (DecodeException | ClassCastException e) {
      String text = response.body().strip();
      if (response.statusCode() >= 400) {
        throw new Refused(text.isEmpty() ? "HTTP " + response.statusCode() : text);
      }
      throw new Refused(who + " answered with something other than JSON: " + text);
    }
    if (response.statusCode() >= 400) {
      throw new Refused(json.getString("error", "HTTP " + response.statusCode()));
    }
    return json;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
