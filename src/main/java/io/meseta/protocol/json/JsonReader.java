package io.meseta.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;

/**
 * Merges a Jackson tree into a protobuf builder by stout's parsing rules, lenient where Mesos is
 * (unknown keys, {@code null}, quoted numbers and booleans) and strict where it is (numeric enums).
 * Errors carry the dotted field path, because stout's own "Not expecting a JSON string for field
 * 'value'" leaves clients guessing which of twenty {@code value}s is meant.
 */
final class JsonReader {
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private static final BigInteger UINT32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);
  private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private JsonReader() {}

  static void mergeObject(JsonNode json, Message.Builder builder, String path) {
    if (!json.isObject()) {
      throw error(path, "expected a JSON object, got " + describe(json));
    }
    for (Map.Entry<String, JsonNode> member : json.properties()) {
      FieldDescriptor field = FieldIndex.field(builder.getDescriptorForType(), member.getKey());
      JsonNode value = member.getValue();
      // Unknown keys are ignored (newer clients, other Mesos versions); null means "unset".
      if (field == null || value.isNull()) {
        continue;
      }
      String fieldPath = path.isEmpty() ? field.getName() : path + "." + field.getName();
      if (field.isMapField()) {
        mergeMap(value, builder, field, fieldPath);
      } else if (field.isRepeated()) {
        mergeArray(value, builder, field, fieldPath);
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        Message.Builder sub = builder.newBuilderForField(field);
        if (builder.hasField(field)) {
          sub.mergeFrom((Message) builder.getField(field));
        }
        mergeObject(value, sub, fieldPath);
        builder.setField(field, sub.buildPartial());
      } else {
        Object converted = scalar(value, field, fieldPath);
        if (converted != null) {
          builder.setField(field, converted);
        }
      }
    }
  }

  private static void mergeArray(
      JsonNode json, Message.Builder builder, FieldDescriptor field, String path) {
    if (!json.isArray()) {
      throw error(path, "expected a JSON array, got " + describe(json));
    }
    int index = 0;
    for (JsonNode element : json) {
      String elementPath = path + "[" + index++ + "]";
      if (element.isNull()) {
        continue;
      }
      Object converted;
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        Message.Builder sub = builder.newBuilderForField(field);
        mergeObject(element, sub, elementPath);
        converted = sub.buildPartial();
      } else {
        converted = scalar(element, field, elementPath);
      }
      if (converted != null) {
        builder.addRepeatedField(field, converted);
      }
    }
  }

  private static void mergeMap(
      JsonNode json, Message.Builder builder, FieldDescriptor field, String path) {
    if (!json.isObject()) {
      throw error(path, "expected a JSON object (a map), got " + describe(json));
    }
    FieldDescriptor keyField = field.getMessageType().getFields().get(0);
    FieldDescriptor valueField = field.getMessageType().getFields().get(1);
    for (Map.Entry<String, JsonNode> member : json.properties()) {
      String entryPath = path + "[\"" + member.getKey() + "\"]";
      JsonNode value = member.getValue();
      if (value.isNull()) {
        continue;
      }
      Message.Builder entry = builder.newBuilderForField(field);
      // Keys are always JSON strings; a scalar converter that accepts "32" handles int keys.
      entry.setField(keyField, scalar(TextNode.valueOf(member.getKey()), keyField, entryPath));
      if (valueField.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        Message.Builder sub = entry.newBuilderForField(valueField);
        mergeObject(value, sub, entryPath);
        entry.setField(valueField, sub.buildPartial());
      } else {
        Object converted = scalar(value, valueField, entryPath);
        if (converted == null) {
          continue;
        }
        entry.setField(valueField, converted);
      }
      builder.addRepeatedField(field, entry.buildPartial());
    }
  }

  /** Returns null only for an unknown name of an optional enum, which proto2 drops silently. */
  private static Object scalar(JsonNode json, FieldDescriptor field, String path) {
    if (json.isContainerNode()) {
      throw error(path, "expected " + expected(field) + ", got " + describe(json));
    }
    return switch (field.getType()) {
      case STRING -> {
        requireText(json, field, path);
        yield json.textValue();
      }
      case BYTES -> {
        requireText(json, field, path);
        try {
          yield ByteString.copyFrom(Base64.getDecoder().decode(json.textValue()));
        } catch (IllegalArgumentException e) {
          throw error(path, "expected base64 bytes: " + e.getMessage());
        }
      }
      case ENUM -> enumValue(json, field, path);
      case BOOL -> bool(json, field, path);
      case DOUBLE -> floating(json, field, path);
      case FLOAT -> (float) floating(json, field, path);
      case INT32, SINT32, SFIXED32 -> integer(json, field, path, INT32_MIN, INT32_MAX).intValue();
      case UINT32, FIXED32 -> integer(json, field, path, BigInteger.ZERO, UINT32_MAX).intValue();
      case INT64, SINT64, SFIXED64 -> integer(json, field, path, INT64_MIN, INT64_MAX).longValue();
      case UINT64, FIXED64 -> integer(json, field, path, BigInteger.ZERO, UINT64_MAX).longValue();
      case MESSAGE, GROUP -> throw error(path, "expected a JSON object, got " + describe(json));
    };
  }

  private static EnumValueDescriptor enumValue(JsonNode json, FieldDescriptor field, String path) {
    if (json.isNumber()) {
      // Mesos refuses numbers so that renumbered enums can never be misread.
      throw error(path, "Not expecting a JSON number for enum field '" + field.getName()
          + "'; give the name, e.g. \"" + field.getEnumType().getValues().get(0).getName() + "\"");
    }
    requireText(json, field, path);
    EnumValueDescriptor value = field.getEnumType().findValueByName(json.textValue());
    if (value == null && field.isRequired()) {
      throw error(path, "unknown value \"" + json.textValue() + "\" for required enum "
          + field.getEnumType().getName());
    }
    return value;
  }

  private static boolean bool(JsonNode json, FieldDescriptor field, String path) {
    if (json.isBoolean()) {
      return json.booleanValue();
    }
    if (json.isTextual() && (json.textValue().equals("true") || json.textValue().equals("false"))) {
      return Boolean.parseBoolean(json.textValue());
    }
    throw error(path, "expected " + expected(field) + ", got " + describe(json));
  }

  private static double floating(JsonNode json, FieldDescriptor field, String path) {
    if (json.isNumber()) {
      return json.isBigDecimal() ? json.decimalValue().doubleValue() : json.doubleValue();
    }
    if (json.isTextual()) {
      switch (json.textValue()) {
        case "Infinity": return Double.POSITIVE_INFINITY;
        case "-Infinity": return Double.NEGATIVE_INFINITY;
        case "NaN": return Double.NaN;
        default: return decimal(json, field, path).doubleValue();
      }
    }
    throw error(path, "expected " + expected(field) + ", got " + describe(json));
  }

  private static BigInteger integer(
      JsonNode json, FieldDescriptor field, String path, BigInteger min, BigInteger max) {
    BigDecimal number = json.isNumber() ? json.decimalValue() : decimal(json, field, path);
    BigInteger integral;
    try {
      integral = number.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw error(path, "expected an integer, got " + number.toPlainString());
    }
    if (integral.compareTo(min) < 0 || integral.compareTo(max) > 0) {
      throw error(path, integral + " is out of range for " + field.getType().name().toLowerCase()
          + " [" + min + ", " + max + "]");
    }
    return integral;
  }

  /** Quoted numbers ("32", "32.0") as stout accepts them. */
  private static BigDecimal decimal(JsonNode json, FieldDescriptor field, String path) {
    if (json.isTextual()) {
      try {
        return new BigDecimal(json.textValue().trim());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw error(path, "expected " + expected(field) + ", got " + describe(json));
  }

  private static void requireText(JsonNode json, FieldDescriptor field, String path) {
    if (!json.isTextual()) {
      throw error(path, "expected " + expected(field) + ", got " + describe(json));
    }
  }

  private static String expected(FieldDescriptor field) {
    return switch (field.getType()) {
      case STRING -> "a string";
      case BYTES -> "a base64 string";
      case ENUM -> "an enum name (a string)";
      case BOOL -> "a boolean";
      case DOUBLE, FLOAT -> "a number";
      case MESSAGE, GROUP -> "a JSON object";
      default -> "an integer";
    };
  }

  private static String describe(JsonNode json) {
    if (json.isObject()) {
      return "a JSON object";
    }
    if (json.isArray()) {
      return "a JSON array";
    }
    if (json.isTextual()) {
      String text = json.textValue();
      return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
    }
    return json.isBoolean() ? "the boolean " + json.booleanValue() : "the number " + json.asText();
  }

  private static MesosJsonException error(String path, String problem) {
    return new MesosJsonException(path.isEmpty() ? problem : "field '" + path + "': " + problem);
  }
}
