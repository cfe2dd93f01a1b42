package io.meseta.cli;

import io.meseta.cli.MasterHttp.Refused;
import io.meseta.cli.MasterHttp.Unreachable;
import io.vertx.core.json.JsonObject;

/**
 * Reads the master's Mesos-compatible operator endpoints ({@code /master/slaves}, ...) for the
 * view commands. Blocking, which is fine in a command-line process.
 */
final class OperatorClient {
  private final MasterHttp http;

  OperatorClient(String master) {
    this.http = new MasterHttp(master);
  }

  JsonObject get(String pathAndQuery) throws Refused, Unreachable {
    return http.call("GET", pathAndQuery, null);
  }
}
