package io.meseta.master.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes an immutable record by reference between verticles of one JVM: {@code transform}
 * returns the same instance, so nothing is copied or serialized on the hot path. On a clustered
 * bus a message for another master node goes in its {@link WireForm} (allowlisted Java
 * serialization); local deliveries stay zero-copy.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {
  private final Class<T> type;

  public LocalCodec(Class<T> type) {
    this.type = type;
  }

  @Override
  public void encodeToWire(Buffer buffer, T body) {
    WireForm.write(buffer, body);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    return WireForm.read(pos, buffer, type);
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
