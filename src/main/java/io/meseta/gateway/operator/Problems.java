package io.meseta.gateway.operator;

import io.vertx.core.http.HttpServerResponse;

/** Error answers of the operator endpoints: a status and a plain-text message saying what to do. */
final class Problems {
  private Problems() {}

  static void send(HttpServerResponse response, int status, String message) {
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(message);
  }

  static void methodNotAllowed(HttpServerResponse response, String method) {
    if (!response.headWritten()) {
      response.putHeader("Allow", "POST");
    }
    send(response, 405, "Expecting 'POST', received '" + method + "'");
  }
}
