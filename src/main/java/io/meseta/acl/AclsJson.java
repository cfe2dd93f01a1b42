package io.meseta.acl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads an ACL file in Mesos' {@code --acls} JSON shape:
 * {@code {"permissive":false,"register_frameworks":[{"principals":{"values":["a"]},
 * "roles":{"values":["analytics"]}}],"run_tasks":[{"principals":{"type":"ANY"},
 * "users":{"type":"NONE"}}]}}. A misspelt action or field is an error naming it, never a rule
 * silently ignored: a typo in an ACL file must not open the cluster.
 */
public final class AclsJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AclsJson() {}

  /** @param source what to call the text in errors (the file name) */
  public static Acls parse(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + " is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + " must be a JSON object such as"
          + " {\"permissive\":false,\"register_frameworks\":[...]}");
    }
    boolean permissive = true;
    Map<AclAction, List<Acls.Rule>> rules = new EnumMap<>(AclAction.class);
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      if (key.equals("permissive")) {
        if (!field.getValue().isBoolean()) {
          throw new IllegalArgumentException(source + ": 'permissive' must be true or false");
        }
        permissive = field.getValue().booleanValue();
        continue;
      }
      AclAction action = AclAction.byJsonName(key).orElseThrow(() -> new IllegalArgumentException(
          source + ": unknown ACL '" + key + "'; known: permissive, " + AclAction.jsonNames()
              + ", set_quotas"));
      rules.computeIfAbsent(action, a -> new ArrayList<>())
          .addAll(rules(field.getValue(), action, source + ": " + key));
    }
    return Acls.of(permissive, rules);
  }

  private static List<Acls.Rule> rules(JsonNode list, AclAction action, String where) {
    if (!list.isArray()) {
      throw new IllegalArgumentException(where + " must be a list of rules");
    }
    List<Acls.Rule> rules = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode rule = list.get(i);
      String at = where + "[" + i + "]";
      if (!rule.isObject()) {
        throw new IllegalArgumentException(at + " must be an object with '"
            + AclAction.SUBJECT_FIELD + "' and '" + action.objectField() + "'");
      }
      for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!name.equals(AclAction.SUBJECT_FIELD) && !name.equals(action.objectField())) {
          throw new IllegalArgumentException(at + ": unknown field '" + name + "'; a "
              + action.jsonName() + " rule has '" + AclAction.SUBJECT_FIELD + "' and '"
              + action.objectField() + "'");
        }
      }
      rules.add(new Acls.Rule(entity(rule.get(AclAction.SUBJECT_FIELD), at + "."
          + AclAction.SUBJECT_FIELD), entity(rule.get(action.objectField()), at + "."
          + action.objectField())));
    }
    return rules;
  }

  /** {@code {"values":[...]}}, {@code {"type":"ANY"}} or {@code {"type":"NONE"}}. */
  private static AclEntity entity(JsonNode node, String where) {
    String shape = " must be {\"values\":[\"...\"]}, {\"type\":\"ANY\"} or {\"type\":\"NONE\"}";
    if (node == null) {
      throw new IllegalArgumentException(where + " is missing: it" + shape);
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + shape);
    }
    JsonNode type = node.get("type");
    JsonNode values = node.get("values");
    if (type != null && values != null && type.asText().equals("SOME")) {
      type = null;
    }
    if (type != null) {
      return switch (type.asText()) {
        case "ANY" -> AclEntity.ANY;
        case "NONE" -> AclEntity.NONE;
        default -> throw new IllegalArgumentException(where + ": type '" + type.asText()
            + "' is not ANY or NONE;" + shape.replaceFirst("^ must", " an entity must"));
      };
    }
    if (values == null || !values.isArray() || values.isEmpty()) {
      throw new IllegalArgumentException(where + shape + " (with at least one value)");
    }
    List<String> list = new ArrayList<>();
    for (JsonNode value : values) {
      if (!value.isTextual()) {
        throw new IllegalArgumentException(where + ".values must be strings");
      }
      list.add(value.textValue());
    }
    return new AclEntity(AclEntity.Type.SOME, list);
  }
}
