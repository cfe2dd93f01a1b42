package io.meseta.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** {@code docker/compose.yaml} as plain maps, with the few views the tests need. */
record ComposeFile(Path file, Map<String, Map<String, Object>> services) {

  static ComposeFile load(Path file) throws IOException {
    Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    mapOf(yaml(file).get("services"), "services").forEach(
        (name, service) -> services.put(name, mapOf(service, "service " + name)));
    return new ComposeFile(file, services);
  }

  /** Any YAML file's top-level mapping. */
  static Map<String, Object> yaml(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return mapOf(new Yaml().load(reader), file.toString());
    }
  }

  /** Services built from Meseta's Dockerfile, i.e. those that run the meseta CLI. */
  Map<String, Map<String, Object>> mesetaServices() {
    Map<String, Map<String, Object>> meseta = new LinkedHashMap<>();
    services.forEach((name, service) -> {
      if (service.containsKey("build")) {
        meseta.put(name, service);
      }
    });
    return meseta;
  }

  Map<String, Object> service(String name) {
    Map<String, Object> service = services.get(name);
    if (service == null) {
      throw new AssertionError(
          file + " has no service '" + name + "'; it has " + services.keySet());
    }
    return service;
  }

  static List<String> command(Map<String, Object> service) {
    return strings(service.get("command"), "command");
  }

  /** The container side of each {@code HOST:CONTAINER} port mapping. */
  static List<Integer> containerPorts(Map<String, Object> service) {
    return strings(service.getOrDefault("ports", List.of()), "ports").stream()
        .map(mapping -> Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1)))
        .toList();
  }

  /** Each {@code HOST:CONTAINER[:MODE]} volume as its two paths, the host's resolved. */
  List<Path[]> bindMounts(String serviceName) {
    Path dir = file.getParent();
    return strings(service(serviceName).getOrDefault("volumes", List.of()), "volumes").stream()
        .map(volume -> volume.split(":"))
        .map(parts -> new Path[] {dir.resolve(parts[0]).normalize(), Path.of(parts[1])})
        .toList();
  }

  /** The repository file mounted at {@code containerPath} in a service, directly or below a dir. */
  Path mountedFile(String serviceName, String containerPath) {
    Path wanted = Path.of(containerPath);
    for (Path[] mount : bindMounts(serviceName)) {
      if (wanted.startsWith(mount[1])) {
        return mount[0].resolve(mount[1].relativize(wanted).toString());
      }
    }
    throw new AssertionError(serviceName + " in " + file + " mounts nothing at " + containerPath);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> mapOf(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new AssertionError(what + " should be a mapping, but is " + value);
    }
    return (Map<String, Object>) value;
  }

  /** The first mapping of a list, such as the one data source of a provisioning file. */
  static Map<String, Object> firstOf(Object list, String what) {
    if (!(list instanceof List<?> items) || items.isEmpty()) {
      throw new AssertionError(what + " should be a non-empty list, but is " + list);
    }
    return mapOf(items.get(0), what);
  }

  static List<String> strings(Object value, String what) {
    if (!(value instanceof List<?> list)) {
      throw new AssertionError(what + " should be a list (exec form), but is " + value);
    }
    return list.stream().map(String::valueOf).toList();
  }
}
