package io.meseta.protocol.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import io.meseta.protocol.json.MesosJson;

/**
 * Carries Mesos protobuf messages inside agent-protocol frames as plain JSON objects in the Mesos
 * JSON shape, so that an executor receives exactly what its framework sent (labels, data, ...).
 */
public final class ProtoNodes {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ProtoNodes() {}

  public static JsonNode toNode(Message message) {
    try {
      return MAPPER.readTree(MesosJson.print(message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("MesosJson printed invalid JSON for " + message.getDescriptorForType().getName(), e);
    }
  }

  /**
   * @throws io.meseta.protocol.json.MesosJsonException when the node is not such a message
   */
  public static <M extends Message> M fromNode(JsonNode node, M defaultInstance) {
    return MesosJson.parse(node.toString(), defaultInstance);
  }
}
