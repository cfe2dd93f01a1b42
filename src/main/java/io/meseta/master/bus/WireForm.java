package io.meseta.master.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * The wire form of a bus message between master nodes: Java serialization of the record, behind
 * a strict allowlist.
 *
 * <p>Why Java serialization: the clustered event bus is a cluster-internal link between trusted
 * master nodes of one deployment (same jar, same classes), the messages are immutable records of
 * Meseta types, and the Mesos protobuf messages inside them serialize through protobuf's own
 * {@code SerializedForm} (their binary encoding). One mechanism covers every record without a
 * hand-written codec per type. Why the allowlist: deserialization must never instantiate a class
 * outside Meseta's own messages and their plain components, whoever wrote the bytes.
 *
 * <p>Vert.x {@link JsonObject}/{@link JsonArray} are not {@link Serializable}: they travel as their
 * JSON text and are parsed back on arrival.
 */
final class WireForm {
  /**
   * Meseta, Mesos and protobuf types, and the JDK value types they hold; nothing else. Jackson
   * nodes travel as their own JSON text ({@code NodeSerialization}). The Vert.x JSON types are
   * named because record fields declare them; they are not Serializable, so the stream can never
   * instantiate them (they arrive as {@code JsonText}).
   */
  static final ObjectInputFilter ALLOWLIST = ObjectInputFilter.Config.createFilter(
      "maxdepth=64;io.meseta.**;org.apache.mesos.**;com.google.protobuf.**;java.lang.*;"
          + "java.util.*;java.time.*;java.math.*;"
          + "com.fasterxml.jackson.databind.node.NodeSerialization;"
          + "io.vertx.core.json.JsonObject;io.vertx.core.json.JsonArray;!*");

  private WireForm() {}

  /** Appends {@code body} as a length-prefixed serialized form. */
  static void write(Buffer buffer, Object body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new JsonAsText(bytes)) {
      out.writeObject(body);
    } catch (IOException e) {
      throw new IllegalStateException(body.getClass().getName() + " cannot cross master nodes: "
          + e + "; every component of a bus message must be Serializable", e);
    }
    buffer.appendInt(bytes.size()).appendBytes(bytes.toByteArray());
  }

  /** Reads what {@link #write} appended at {@code pos}; refuses classes off the allowlist. */
  static <T> T read(int pos, Buffer buffer, Class<T> type) {
    int length = buffer.getInt(pos);
    byte[] bytes = buffer.getBytes(pos + 4, pos + 4 + length);
    Class<?>[] rejected = new Class<?>[1];
    try (ObjectInputStream in = new TextAsJson(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(info -> {
        ObjectInputFilter.Status status = ALLOWLIST.checkInput(info);
        if (status == ObjectInputFilter.Status.REJECTED && rejected[0] == null) {
          rejected[0] = info.serialClass();
        }
        return status;
      });
      return type.cast(in.readObject());
    } catch (InvalidClassException e) {
      throw new IllegalStateException("refused a " + type.getSimpleName() + " from another master"
          + " node: it holds " + (rejected[0] == null ? "too deep a graph" : rejected[0])
          + ", outside the bus allowlist; only io.meseta, Mesos, protobuf and JDK value types"
          + " may cross nodes", e);
    } catch (IOException | ClassNotFoundException | ClassCastException e) {
      throw new IllegalStateException("cannot decode a " + type.getSimpleName() + " from another"
          + " master node: " + e + "; do all master nodes run the same Meseta version?", e);
    }
  }

  /** Stands for a Vert.x JSON value on the wire. */
  private record JsonText(String json, boolean array) implements Serializable {}

  private static final class JsonAsText extends ObjectOutputStream {
    JsonAsText(ByteArrayOutputStream out) throws IOException {
      super(out);
      enableReplaceObject(true);
    }

    @Override
    protected Object replaceObject(Object obj) {
      if (obj instanceof JsonObject json) {
        return new JsonText(json.encode(), false);
      }
      if (obj instanceof JsonArray json) {
        return new JsonText(json.encode(), true);
      }
      return obj;
    }
  }

  private static final class TextAsJson extends ObjectInputStream {
    TextAsJson(ByteArrayInputStream in) throws IOException {
      super(in);
      enableResolveObject(true);
    }

    @Override
    protected Object resolveObject(Object obj) {
      if (obj instanceof JsonText text) {
        return text.array() ? new JsonArray(text.json()) : new JsonObject(text.json());
      }
      return obj;
    }
  }
}
