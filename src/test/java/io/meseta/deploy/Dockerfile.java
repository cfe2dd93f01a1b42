package io.meseta.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The instructions of {@code docker/Dockerfile} (continuations joined, comments dropped), split
 * into stages, enough to know what the final image holds and where.
 */
record Dockerfile(List<Stage> stages) {

  record Instruction(String keyword, String arguments) {}

  record Stage(String from, String name, List<Instruction> instructions) {
    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Optional<String> last(String keyword) {
      List<Instruction> found = all(keyword);
      return found.isEmpty() ? Optional.empty()
          : Optional.of(found.get(found.size() - 1).arguments());
    }
  }

  /** A COPY of the final stage: from the build context, or from an earlier stage. */
  record Copy(String fromStage, List<String> sources, String destination) {}

  static Dockerfile load(Path file) throws IOException {
    String joined = String.join("\n", Files.readAllLines(file).stream()
        .filter(line -> !line.stripLeading().startsWith("#")).toList())
        .replaceAll("\\\\\n", " ");
    List<Stage> stages = new ArrayList<>();
    for (String line : joined.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.strip().split("\\s+", 2);
      Instruction instruction =
          new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : "");
      if (instruction.keyword().equals("FROM")) {
        String[] from = instruction.arguments().split("\\s+(?i:as)\\s+");
        stages.add(new Stage(from[0], from.length > 1 ? from[1] : null, new ArrayList<>()));
      } else if (stages.isEmpty()) {
        throw new AssertionError(file + ": " + line + " comes before any FROM");
      } else {
        stages.get(stages.size() - 1).instructions().add(instruction);
      }
    }
    return new Dockerfile(stages);
  }

  Stage image() {
    return stages.get(stages.size() - 1);
  }

  List<Integer> exposedPorts() {
    return image().all("EXPOSE").stream()
        .flatMap(i -> Arrays.stream(i.arguments().split("\\s+")))
        .map(port -> Integer.parseInt(port.replace("/tcp", "")))
        .toList();
  }

  String workdir() {
    return image().last("WORKDIR").orElse("/");
  }

  List<Copy> copies() {
    List<Copy> copies = new ArrayList<>();
    for (Instruction copy : image().all("COPY")) {
      List<String> words = new ArrayList<>(List.of(copy.arguments().split("\\s+")));
      String fromStage = null;
      while (words.get(0).startsWith("--")) {
        String flag = words.remove(0);
        if (flag.startsWith("--from=")) {
          fromStage = flag.substring("--from=".length());
        }
      }
      String destination = words.remove(words.size() - 1);
      copies.add(new Copy(fromStage, words,
          destination.startsWith("/") ? destination : workdir() + "/" + destination));
    }
    return copies;
  }

  /**
   * The repository file that the final image holds at {@code imagePath}, copied from the build
   * context (not from another stage), or empty when no COPY puts it there.
   */
  Optional<Path> repositoryFileAt(String imagePath, Path repository) {
    Path wanted = Path.of(imagePath).normalize();
    for (Copy copy : copies()) {
      Path destination = Path.of(copy.destination()).normalize();
      boolean fromContext = copy.fromStage() == null && copy.sources().size() == 1;
      if (fromContext && wanted.startsWith(destination)) {
        return Optional.of(repository.resolve(copy.sources().get(0))
            .resolve(destination.relativize(wanted).toString()).normalize());
      }
    }
    return Optional.empty();
  }

  /** The exec-form ENTRYPOINT of the final image. */
  List<String> entrypoint() throws IOException {
    String json = image().last("ENTRYPOINT")
        .orElseThrow(() -> new AssertionError("the final stage has no ENTRYPOINT"));
    return Arrays.asList(new ObjectMapper().readValue(json, String[].class));
  }
}
