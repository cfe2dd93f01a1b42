package io.meseta.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Defaults from conf/meseta.yaml (or --config). A missing default file is fine (built-in
 * values apply); a file that was named explicitly but is missing or malformed is an error.
 */
final class Settings {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
  private final Map<String, Object> root;

  private Settings(Map<String, Object> root) {
    this.root = root;
  }

  static Settings load(Path file, boolean explicit) {
    if (!Files.exists(file)) {
      if (explicit) {
        throw new IllegalArgumentException("config file " + file + " does not exist");
      }
      return new Settings(Map.of());
    }
    try (InputStream in = Files.newInputStream(file)) {
      Object parsed = new Yaml().load(in);
      if (parsed == null) {
        return new Settings(Map.of());
      }
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("config file " + file + " must be a YAML mapping");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> root = (Map<String, Object>) map;
      return new Settings(root);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
    }
  }

  String string(String section, String key, String fallback) {
    Object value = value(section, key);
    return value == null ? fallback : value.toString();
  }

  int integer(String section, String key, int fallback) {
    Object value = value(section, key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n.intValue();
    }
    throw new IllegalArgumentException(section + "." + key + " must be a whole number, got '" + value + "'");
  }

  Duration duration(String section, String key, Duration fallback) {
    Object value = value(section, key);
    return value == null ? fallback : parseDuration(section + "." + key, value.toString());
  }

  static Duration parseDuration(String name, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          name + " must be a duration like 500ms, 15s, 10m or 1h, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    if (m.group(2) == null) {
      if (n == 0) {
        return Duration.ZERO; // "0" alone is unambiguous: off
      }
      throw new IllegalArgumentException(
          name + " needs a unit (ms, s, m or h), e.g. " + n + "s; got '" + text + "'");
    }
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private Object value(String section, String key) {
    Object s = root.get(section);
    return s instanceof Map<?, ?> map ? map.get(key) : null;
  }
}
