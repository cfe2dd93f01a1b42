package io.meseta.protocol.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Encodes and decodes agent protocol frames. Thread-safe. */
public final class AgentCodec {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private AgentCodec() {}

  public static String encode(AgentMessage message) {
    try {
      return MAPPER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /**
   * @throws IllegalArgumentException with a message saying what is wrong with the frame
   */
  public static AgentMessage decode(String frame) {
    try {
      AgentMessage message = MAPPER.readValue(frame, AgentMessage.class);
      if (message == null) {
        throw new IllegalArgumentException("empty agent message");
      }
      return message;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed agent message: " + e.getOriginalMessage(), e);
    }
  }
}
