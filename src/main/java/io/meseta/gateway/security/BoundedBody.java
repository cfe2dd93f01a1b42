package io.meseta.gateway.security;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body, declared or chunked, but never more than a limit: a body that grows past
 * it fails with {@link TooLarge} (answer 413) and the rest is dropped unread.
 */
public final class BoundedBody {
  private BoundedBody() {}

  public static Future<Buffer> read(HttpServerRequest request, int maxBytes) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (promise.future().isComplete()) {
        return;
      }
      if ((long) body.length() + chunk.length() > maxBytes) {
        promise.tryFail(new TooLarge(tooLarge(body.length() + (long) chunk.length(), maxBytes)));
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> promise.tryComplete(body));
    request.exceptionHandler(promise::tryFail);
    return promise.future();
  }

  static String tooLarge(long bytes, int maxBytes) {
    return "A request body of at least " + bytes + " bytes exceeds the limit of " + maxBytes
        + " bytes (limits.max_body_bytes): send smaller calls, e.g. fewer tasks per ACCEPT";
  }

  /** The body grew past the limit. */
  public static final class TooLarge extends RuntimeException {
    TooLarge(String message) {
      super(message, null, false, false);
    }
  }
}
