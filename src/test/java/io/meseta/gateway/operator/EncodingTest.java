package io.meseta.gateway.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EncodingTest {
  @Test
  void contentTypeMustMatchExactly() {
    assertThat(Encoding.ofContentType("application/json")).contains(Encoding.JSON);
    assertThat(Encoding.ofContentType("application/x-protobuf")).contains(Encoding.PROTOBUF);
    assertThat(Encoding.ofContentType("application/json; charset=utf-8")).isEmpty();
    assertThat(Encoding.ofContentType("text/plain")).isEmpty();
  }

  @Test
  void acceptPrefersJsonAndDefaultsToIt() {
    assertThat(Encoding.accepted(null)).contains(Encoding.JSON);
    assertThat(Encoding.accepted("")).contains(Encoding.JSON);
    assertThat(Encoding.accepted("application/json, application/json")).contains(Encoding.JSON);
    assertThat(Encoding.accepted("*/*")).contains(Encoding.JSON);
    assertThat(Encoding.accepted("application/x-protobuf")).contains(Encoding.PROTOBUF);
    assertThat(Encoding.accepted("application/json;q=0, application/x-protobuf"))
        .contains(Encoding.PROTOBUF);
    assertThat(Encoding.accepted("text/html")).isEqualTo(Optional.empty());
  }
}
