package io.meseta.agent.checkpoint;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes checkpoint files on a worker thread, each atomically (a temporary file moved over the
 * old one, so a reader sees the old or the new content, never half of it). Writes to one file
 * coalesce: while a burst is being written, only the latest content of each file is kept, so a
 * task that changes state three times in a millisecond costs one write. Thread-safe.
 */
final class CheckpointWriter {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointWriter.class);
  /** Marks a deletion in {@link #pending}. */
  private static final byte[] DELETE = new byte[0];

  private final Vertx vertx;
  private final Path root;
  private final Map<Path, byte[]> pending = new LinkedHashMap<>();
  private final List<Promise<Void>> flushes = new ArrayList<>();
  private boolean draining;

  CheckpointWriter(Vertx vertx, Path root) {
    this.vertx = vertx;
    this.root = root;
  }

  void write(Path file, byte[] content) {
    enqueue(file, content);
  }

  /** Deletes the file, then its parent directories up to the root while they are empty. */
  void delete(Path file) {
    enqueue(file, DELETE);
  }

  /** Completes once everything queued before this call is on disk. */
  synchronized Future<Void> flush() {
    if (!draining && pending.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    flushes.add(done);
    return done.future();
  }

  private synchronized void enqueue(Path file, byte[] content) {
    pending.remove(file); // re-insert: the file moves to the end, after what it may depend on
    pending.put(file, content);
    if (!draining) {
      draining = true;
      vertx.executeBlocking(() -> {
        drain();
        return null;
      }, false);
    }
  }

  private void drain() {
    while (true) {
      Map<Path, byte[]> batch;
      List<Promise<Void>> done;
      synchronized (this) {
        if (pending.isEmpty()) {
          draining = false;
          done = List.copyOf(flushes);
          flushes.clear();
          batch = null;
        } else {
          batch = new LinkedHashMap<>(pending);
          pending.clear();
          done = null;
        }
      }
      if (batch == null) {
        done.forEach(Promise::tryComplete);
        return;
      }
      batch.forEach(this::apply);
    }
  }

  private void apply(Path file, byte[] content) {
    try {
      if (content == DELETE) {
        Files.deleteIfExists(file);
        removeEmptyParents(file.getParent());
      } else {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot checkpoint {} (is the work dir writable and not full?): {}", file,
          e.toString());
    }
  }

  private void removeEmptyParents(Path dir) throws IOException {
    while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
      try {
        if (!Files.deleteIfExists(dir)) {
          return;
        }
      } catch (DirectoryNotEmptyException e) {
        return;
      }
      dir = dir.getParent();
    }
  }
}
