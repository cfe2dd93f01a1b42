package io.meseta.agent.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's checkpoint under {@code WORK/meta} (Mesos' {@code meta/slaves/...} in spirit,
 * one agent per work dir so without the agent level):
 *
 * <pre>
 * meta/agent.json                                         {@link AgentCheckpoint}
 * meta/frameworks/FW/tasks/TASK/task.json                 {@link TaskCheckpoint} (command tasks)
 * meta/frameworks/FW/tasks/TASK/updates.json              {@link UpdatesCheckpoint} (every task)
 * meta/frameworks/FW/tasks/TASK/exit_status               written by the task's own wrapper
 * meta/frameworks/FW/executors/EXECUTOR/executor.json     {@link ExecutorCheckpoint}
 * </pre>
 *
 * Ids become path segments percent-encoded, so no id can leave its directory. Writes are
 * serialized on the caller's thread (cheap) and written atomically on a worker; reads are
 * blocking and meant for start-up, and skip a damaged file with a warning.
 */
public final class CheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final Path root;
  private final CheckpointWriter writer;

  public CheckpointStore(Vertx vertx, Path workDir) {
    this.root = workDir.resolve("meta");
    this.writer = new CheckpointWriter(vertx, root);
  }

  public Path root() {
    return root;
  }

  public Path agentFile() {
    return root.resolve("agent.json");
  }

  public Path taskDir(String frameworkId, String taskId) {
    return root.resolve("frameworks").resolve(segment(frameworkId)).resolve("tasks")
        .resolve(segment(taskId));
  }

  public Path taskFile(String frameworkId, String taskId) {
    return taskDir(frameworkId, taskId).resolve("task.json");
  }

  public Path updatesFile(String frameworkId, String taskId) {
    return taskDir(frameworkId, taskId).resolve("updates.json");
  }

  /** Where a command task's wrapper writes its exit status ({@code $?}, one decimal line). */
  public Path exitStatusFile(String frameworkId, String taskId) {
    return taskDir(frameworkId, taskId).resolve("exit_status");
  }

  public Path executorFile(String frameworkId, String executorId) {
    return root.resolve("frameworks").resolve(segment(frameworkId)).resolve("executors")
        .resolve(segment(executorId)).resolve("executor.json");
  }

  /** Queues an atomic write of {@code record} as JSON. */
  public void write(Path file, Object record) {
    writer.write(file, encode(record));
  }

  public void delete(Path file) {
    writer.delete(file);
  }

  /** Completes once every write and delete queued so far is on disk. */
  public Future<Void> flush() {
    return writer.flush();
  }

  /** Blocking. Empty when the file is missing, or damaged (then with a warning). */
  public <T> Optional<T> read(Path file, Class<T> type) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      T value = MAPPER.readValue(Files.readAllBytes(file), type);
      if (value == null) {
        throw new IOException("the file holds no JSON object");
      }
      return Optional.of(value);
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring damaged checkpoint file {} ({}); what it described cannot be recovered",
          file, e.getMessage());
      return Optional.empty();
    }
  }

  /** Blocking. The exit status a task's wrapper left; empty when it left none. */
  public OptionalInt exitStatus(String frameworkId, String taskId) {
    try {
      String text = Files.readString(exitStatusFile(frameworkId, taskId)).trim();
      return OptionalInt.of(Integer.parseInt(text));
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty();
    }
  }

  /** Blocking: creates the task's checkpoint directory and removes a stale exit status. */
  public void prepareTaskDir(String frameworkId, String taskId) throws IOException {
    // The checkpoint writer removes directories that became empty (a framework's last task
    // ended) on its own thread; one may vanish between the levels created here: try again.
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectories(taskDir(frameworkId, taskId));
        break;
      } catch (java.nio.file.NoSuchFileException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
    Files.deleteIfExists(exitStatusFile(frameworkId, taskId));
  }

  /** Blocking. Everything checkpointed, as found at start-up. */
  public Recovered readAll() {
    AgentCheckpoint agent = read(agentFile(), AgentCheckpoint.class).orElse(null);
    List<TaskCheckpoint> tasks = new ArrayList<>();
    List<UpdatesCheckpoint> updates = new ArrayList<>();
    List<ExecutorCheckpoint> executors = new ArrayList<>();
    for (Path framework : children(root.resolve("frameworks"))) {
      for (Path task : children(framework.resolve("tasks"))) {
        read(task.resolve("task.json"), TaskCheckpoint.class).ifPresent(tasks::add);
        read(task.resolve("updates.json"), UpdatesCheckpoint.class)
            .filter(u -> !u.pending().isEmpty()).ifPresent(updates::add);
      }
      for (Path executor : children(framework.resolve("executors"))) {
        read(executor.resolve("executor.json"), ExecutorCheckpoint.class).ifPresent(executors::add);
      }
    }
    return new Recovered(agent == null ? null : agent.agentId(), tasks, updates, executors);
  }

  /** Blocking: forgets everything ({@code --recover=cleanup}). */
  public void deleteAll() throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path path : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** What {@link #readAll()} found; {@code agentId} is null when the agent never registered. */
  public record Recovered(String agentId, List<TaskCheckpoint> tasks,
      List<UpdatesCheckpoint> updates, List<ExecutorCheckpoint> executors) {
    public boolean isEmpty() {
      return tasks.isEmpty() && updates.isEmpty() && executors.isEmpty();
    }
  }

  static byte[] encode(Object record) {
    try {
      return MAPPER.writeValueAsString(record).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + record.getClass().getSimpleName(), e);
    }
  }

  private static List<Path> children(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      LOG.warn("cannot list checkpoint directory {}: {}", dir, e.getMessage());
      return List.of();
    }
  }

  /** Percent-encodes every byte but {@code [A-Za-z0-9_-]} and a '.' that is not leading. */
  static String segment(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("an empty id cannot name a checkpoint directory");
    }
    StringBuilder out = new StringBuilder();
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
          || b == '_' || b == '-' || (b == '.' && i > 0);
      if (plain) {
        out.append((char) b);
      } else {
        out.append('%').append(String.format("%02X", b));
      }
    }
    return out.toString();
  }
}
