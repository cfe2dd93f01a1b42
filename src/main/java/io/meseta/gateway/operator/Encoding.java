package io.meseta.gateway.operator;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.meseta.protocol.json.MesosJson;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The two encodings of Mesos' v1 HTTP APIs and their negotiation: the request {@code
 * Content-Type} must be exactly one of them (reference §9.3); the response follows {@code
 * Accept}, JSON when it is absent or allows both (§9.4).
 */
enum Encoding {
  JSON("application/json"),
  PROTOBUF("application/x-protobuf");

  final String mediaType;

  Encoding(String mediaType) {
    this.mediaType = mediaType;
  }

  static Optional<Encoding> ofContentType(String contentType) {
    for (Encoding e : values()) {
      if (e.mediaType.equals(contentType)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The response encoding an {@code Accept} header allows, JSON first; empty if neither. */
  static Optional<Encoding> accepted(String accept) {
    if (accept == null || accept.isBlank()) {
      return Optional.of(JSON);
    }
    boolean protobuf = false;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      if (refused(parts)) {
        continue;
      }
      if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")) {
        return Optional.of(JSON);
      }
      protobuf |= type.equals(PROTOBUF.mediaType);
    }
    return protobuf ? Optional.of(PROTOBUF) : Optional.empty();
  }

  /** A media range with {@code q=0} means "not this one". */
  private static boolean refused(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim().replace(" ", "");
      if (param.matches("q=0(\\.0*)?")) {
        return true;
      }
    }
    return false;
  }

  Buffer encode(Message message) {
    return Buffer.buffer(this == JSON ? MesosJson.printBytes(message) : message.toByteArray());
  }

  /**
   * @throws IllegalArgumentException with what was wrong with the body
   */
  @SuppressWarnings("unchecked")
  <M extends Message> M decode(Buffer body, M defaultInstance) {
    if (this == JSON) {
      return MesosJson.parse(body.toString(StandardCharsets.UTF_8), defaultInstance);
    }
    try {
      Message.Builder builder = defaultInstance.newBuilderForType().mergeFrom(body.getBytes());
      if (!builder.isInitialized()) {
        throw new IllegalArgumentException(
            "missing required fields " + builder.findInitializationErrors());
      }
      return (M) builder.build();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a valid protobuf message: " + e.getMessage(), e);
    }
  }
}
