package io.meseta.master.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes an immutable record by reference between verticles of one JVM: {@code transform}
 * returns the same instance, so nothing is copied or serialized on the hot path. A single-node
 * master's event bus is local; a clustered bus needs wire codecs, which the HA work registers
 * for the messages that cross nodes.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {
  private final Class<T> type;

  public LocalCodec(Class<T> type) {
    this.type = type;
  }

  @Override
  public void encodeToWire(Buffer buffer, T body) {
    throw new IllegalStateException(
        type.getSimpleName() + " is delivered within one JVM only; it has no wire form");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new IllegalStateException(
        type.getSimpleName() + " is delivered within one JVM only; it has no wire form");
  }

  @Override
  public T transform(T body) {
    return body;
  }

  @Override
  public String name() {
    return "local:" + type.getName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
