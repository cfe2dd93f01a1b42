package io.meseta.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JSON codec for the Mesos v1 protobuf model, following Mesos' {@code stout/protobuf.hpp}:
 * proto field names (snake_case), only set fields, enums by name, bytes as base64, 64-bit integers
 * as JSON numbers, doubles as stout prints them ({@code 15.0}), map fields as objects, compact
 * ASCII-only output. protobuf-java-util's JsonFormat differs on names and int64, hence this class.
 * Non-finite doubles print as the strings {@code "Infinity"}, {@code "-Infinity"}, {@code "NaN"}
 * (what {@code TaskInfo.limits} uses), because JSON has no literal for them. Thread-safe.
 */
public final class MesosJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private static final ObjectMapper READER =
      JsonMapper.builder()
          // Exact decimals, so "1443830400000000000.0" still fits an int64 without rounding.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private MesosJson() {}

  public static String print(MessageOrBuilder message) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      JsonPrinter.write(message, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return text.toString();
  }

  /** UTF-8 bytes of {@link #print}; pure ASCII, so byte length equals character length. */
  public static byte[] printBytes(MessageOrBuilder message) {
    try (ByteArrayBuilder bytes = new ByteArrayBuilder(256)) {
      try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
        JsonPrinter.write(message, out);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
  }

  /**
   * Merges the JSON object into {@code builder} without checking required fields (the caller may
   * still fill them in).
   *
   * @throws MesosJsonException naming the message type, the field path and the problem
   */
  public static <B extends Message.Builder> B merge(String json, B builder) {
    JsonNode tree = readTree(json, builder.getDescriptorForType());
    try {
      JsonReader.mergeObject(tree, builder, "");
    } catch (MesosJsonException e) {
      throw new MesosJsonException(failedToParse(builder.getDescriptorForType()) + e.getMessage());
    }
    return builder;
  }

  /**
   * Parses a complete message: like {@link #merge}, then every required field, nested ones
   * included, must be present.
   *
   * @throws MesosJsonException e.g. "Failed to parse scheduler Call: missing required field
   *     'subscribe.framework_info.user'"
   */
  @SuppressWarnings("unchecked")
  public static <M extends Message> M parse(String json, M defaultInstance) {
    Message.Builder builder = merge(json, defaultInstance.newBuilderForType());
    if (!builder.isInitialized()) {
      List<String> missing = builder.findInitializationErrors();
      String fields =
          missing.stream().map(path -> "'" + path + "'").collect(Collectors.joining(", "));
      throw new MesosJsonException(failedToParse(builder.getDescriptorForType())
          + (missing.size() == 1 ? "missing required field " : "missing required fields ")
          + fields);
    }
    return (M) builder.build();
  }

  private static JsonNode readTree(String json, Descriptor type) {
    try {
      JsonNode tree = READER.readTree(json);
      if (tree == null || tree.isMissingNode()) {
        throw new MesosJsonException(failedToParse(type) + "Malformed JSON: empty document");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new MesosJsonException(
          failedToParse(type) + "Malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * "Failed to parse scheduler Call: " for mesos.v1.scheduler.Call, "Failed to parse TaskInfo: " for
   * mesos.v1.TaskInfo: the words a Mesos user knows the type by.
   */
  private static String failedToParse(Descriptor type) {
    String pkg = type.getFile().getPackage();
    String area = pkg.startsWith("mesos.v1.") ? pkg.substring("mesos.v1.".length()) + " " : "";
    String name =
        pkg.isEmpty() ? type.getFullName() : type.getFullName().substring(pkg.length() + 1);
    return "Failed to parse " + area + name + ": ";
  }
}
