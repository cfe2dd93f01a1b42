package io.meseta.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;

/** Compares JSON documents as trees, where 604800 and 604800.0 are the same number. */
final class JsonAssertions {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private JsonAssertions() {}

  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertSameJson(String actual, String expected) {
    assertThat(tree(actual).equals(NUMBERS_BY_VALUE, tree(expected)))
        .as("structurally equal JSON%n actual:   %s%n expected: %s", actual, expected)
        .isTrue();
  }
}
