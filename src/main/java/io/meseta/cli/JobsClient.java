package io.meseta.cli;

import io.meseta.cli.MasterHttp.Refused;
import io.meseta.cli.MasterHttp.Unreachable;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code meseta jobs} commands' calls: the master's {@code /api/v1/jobs} and the agents'
 * {@code /files/read}.
 */
final class JobsClient {
  private final MasterHttp http;

  JobsClient(String master) {
    this.http = new MasterHttp(master);
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
    return http.send(http.scheme() + "://" + agent + "/files/read?path=" + encode(path) + "&offset=" + offset
        + "&length=" + length, "GET", null, "the agent at " + agent);
  }

  private JsonObject call(String method, String path, String body) throws Refused, Unreachable {
    return http.call(method, path, body);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
