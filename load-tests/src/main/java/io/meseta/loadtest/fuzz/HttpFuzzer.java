package io.meseta.loadtest.fuzz;

import io.meseta.loadtest.fuzz.FuzzCluster.Answer;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;

/**
 * Fuzzes one HTTP entry point over the cluster's keep-alive pool. A status of 500 or above counts
 * as a server error, except 501, Mesos' answer to a call type it does not implement.
 */
class HttpFuzzer implements EntryPoint {
  private final String name;
  private final FuzzCluster cluster;
  private final IntSupplier port;
  private final BiFunction<Integer, Random, Request> inputs;

  HttpFuzzer(String name, FuzzCluster cluster, IntSupplier port,
      BiFunction<Integer, Random, Request> inputs) {
    this.name = name;
    this.cluster = cluster;
    this.port = port;
    this.inputs = inputs;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<Outcome> send(int worker, Random random) {
    Request request = inputs.apply(worker, random);
    return cluster.request(request.method(), port.getAsInt(), request.uri(), request.contentType(),
            request.body())
        .map(answer -> {
          answered(request, answer);
          boolean serverError = answer.status() >= 500 && answer.status() != 501;
          return new Outcome(String.valueOf(answer.status()), serverError,
              serverError ? request.describe() + " -> " + answer.body() : null);
        })
        .otherwise(e -> new Outcome("transport: " + e.getClass().getSimpleName(), true,
            request.describe() + " -> " + e));
  }

  /** A hook for fuzzers that must remember what their inputs created. */
  void answered(Request request, Answer answer) {}

  /** One HTTP input. */
  record Request(HttpMethod method, String uri, String contentType, byte[] body) {

    static Request post(String uri, String contentType, byte[] body) {
      return new Request(HttpMethod.POST, uri, contentType, body);
    }

    String describe() {
      String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      return method + " " + uri + " " + contentType + " "
          + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }
  }
}
