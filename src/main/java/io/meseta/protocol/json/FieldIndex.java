package io.meseta.protocol.json;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON key to field, per message type, built once. protobuf's {@code findFieldByName} builds and
 * hashes the field's full name on every call, which profiling showed as a top cost of decoding
 * (load-tests/README.md); the message types are a fixed, small set, so the index never grows
 * past them.
 */
final class FieldIndex {
  private static final Map<Descriptor, Map<String, FieldDescriptor>> BY_TYPE =
      new ConcurrentHashMap<>();

  private FieldIndex() {}

  /** The field named {@code key} in snake_case proto naming, or null if there is none. */
  static FieldDescriptor field(Descriptor type, String key) {
    return BY_TYPE.computeIfAbsent(type, FieldIndex::index).get(key);
  }

  private static Map<String, FieldDescriptor> index(Descriptor type) {
    Map<String, FieldDescriptor> fields = new HashMap<>();
    for (FieldDescriptor field : type.getFields()) {
      fields.put(field.getName(), field);
    }
    return Map.copyOf(fields);
  }
}
