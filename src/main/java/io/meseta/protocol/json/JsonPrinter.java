package io.meseta.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MessageOrBuilder;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * Streams a protobuf message as Mesos JSON. Fields go out in declaration order (stout iterates
 * {@code descriptor->field(i)}), so {@code Call} prints {@code framework_id} before {@code type}.
 */
final class JsonPrinter {
  private JsonPrinter() {}

  static void write(MessageOrBuilder message, JsonGenerator out) throws IOException {
    out.writeStartObject();
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      if (field.isRepeated()) {
        int count = message.getRepeatedFieldCount(field);
        if (count == 0) {
          continue;
        }
        out.writeFieldName(field.getName());
        if (field.isMapField()) {
          writeMap(message, field, count, out);
        } else {
          out.writeStartArray();
          for (int i = 0; i < count; i++) {
            writeValue(field, message.getRepeatedField(field, i), out);
          }
          out.writeEndArray();
        }
      } else if (message.hasField(field)) {
        // Only set fields: stout also prints unset fields that declare a default (e.g.
        // Filters.refuse_seconds), but printing exactly what is set keeps parse(print(m))
        // equal to m, and protobuf-based clients read those defaults anyway.
        out.writeFieldName(field.getName());
        writeValue(field, message.getField(field), out);
      }
    }
    out.writeEndObject();
  }

  /** map<K, V> is a repeated entry message on the wire; Mesos' JSON makes it an object. */
  private static void writeMap(
      MessageOrBuilder message, FieldDescriptor field, int count, JsonGenerator out)
      throws IOException {
    List<FieldDescriptor> entryFields = field.getMessageType().getFields();
    FieldDescriptor keyField = entryFields.get(0);
    FieldDescriptor valueField = entryFields.get(1);
    out.writeStartObject();
    for (int i = 0; i < count; i++) {
      MessageOrBuilder entry = (MessageOrBuilder) message.getRepeatedField(field, i);
      out.writeFieldName(String.valueOf(entry.getField(keyField)));
      writeValue(valueField, entry.getField(valueField), out);
    }
    out.writeEndObject();
  }

  private static void writeValue(FieldDescriptor field, Object value, JsonGenerator out)
      throws IOException {
    switch (field.getType()) {
      case MESSAGE, GROUP -> write((MessageOrBuilder) value, out);
      case ENUM -> out.writeString(((EnumValueDescriptor) value).getName());
      case STRING -> out.writeString((String) value);
      case BYTES ->
          out.writeString(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case BOOL -> out.writeBoolean((Boolean) value);
      case INT32, SINT32, SFIXED32 -> out.writeNumber((Integer) value);
      case UINT32, FIXED32 -> out.writeNumber(Integer.toUnsignedLong((Integer) value));
      case INT64, SINT64, SFIXED64 -> out.writeNumber((Long) value);
      case UINT64, FIXED64 -> out.writeNumber(Long.toUnsignedString((Long) value));
      case DOUBLE -> writeDouble((Double) value, out);
      // stout widens floats to double before formatting, so 0.1f prints as 0.100000001490116.
      case FLOAT -> writeDouble(((Float) value).doubleValue(), out);
    }
  }

  private static void writeDouble(double value, JsonGenerator out) throws IOException {
    String text = StoutDoubles.format(value);
    if (text != null) {
      out.writeNumber(text);
    } else if (Double.isNaN(value)) {
      out.writeString("NaN");
    } else {
      out.writeString(value > 0 ? "Infinity" : "-Infinity");
    }
  }
}
