package io.meseta.agent;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Mesos' {@code /files} endpoints over the agent's work dir, so operators and UIs can tail a
 * task's stdout. Only files inside the work dir are served: paths are resolved to their real
 * location (following symlinks) before the check. File access runs on worker threads.
 */
final class SandboxFiles {
  /** Mesos pages reads too; one page keeps a JSON answer (and the agent's heap) small. */
  static final int MAX_READ_BYTES = 1024 * 1024;

  private final Vertx vertx;
  private final Path workDir;

  SandboxFiles(Vertx vertx, Path workDir) {
    this.vertx = vertx;
    this.workDir = workDir;
  }

  void mount(Router router) {
    router.get("/files/read").handler(rc -> respond(rc, () -> read(rc)));
    router.get("/files/read.json").handler(rc -> respond(rc, () -> read(rc)));
    router.get("/files/browse").handler(rc -> respond(rc, () -> browse(rc)));
    router.get("/files/browse.json").handler(rc -> respond(rc, () -> browse(rc)));
  }

  /** A request the endpoint refuses, with the HTTP status and what to do about it. */
  static final class Refusal extends Exception {
    final int status;

    Refusal(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private void respond(RoutingContext rc, Callable<Object> work) {
    vertx.executeBlocking(work, false).onComplete(result -> {
      if (result.succeeded()) {
        rc.response().putHeader("Content-Type", "application/json").end(result.result().toString());
      } else if (result.cause() instanceof Refusal refusal) {
        rc.response().setStatusCode(refusal.status).putHeader("Content-Type", "text/plain")
            .end(refusal.getMessage() + "\n");
      } else {
        rc.fail(result.cause());
      }
    });
  }

  private JsonObject read(RoutingContext rc) throws Refusal, IOException {
    Path file = resolve(rc.queryParams().get("path"));
    if (Files.isDirectory(file)) {
      throw new Refusal(400, "'" + rc.queryParams().get("path") + "' is a directory; use /files/browse");
    }
    long offset = number(rc, "offset", 0);
    long length = number(rc, "length", MAX_READ_BYTES);
    if (offset < -1 || length < -1) {
      throw new Refusal(400, "offset and length must be >= 0 (or -1)");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (offset == -1) {
        return new JsonObject().put("data", "").put("offset", size); // Mesos: "how long is it?"
      }
      int wanted = (int) Math.min(length < 0 ? MAX_READ_BYTES : length, MAX_READ_BYTES);
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(wanted, size - offset)));
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // a file may shrink while we read; stop at its end
      }
      String data = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      return new JsonObject().put("data", data).put("offset", offset);
    }
  }

  private JsonArray browse(RoutingContext rc) throws Refusal, IOException {
    Path dir = resolve(rc.queryParams().get("path"));
    if (!Files.isDirectory(dir)) {
      throw new Refusal(400, "'" + rc.queryParams().get("path") + "' is not a directory; use /files/read");
    }
    JsonArray entries = new JsonArray();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.sorted().toList()) {
        entries.add(describe(child));
      }
    }
    return entries;
  }

  /** Mesos' FileInfo shape: path, size, mode ("drwxr-xr-x"), mtime (s), nlink, uid, gid. */
  private static JsonObject describe(Path path) throws IOException {
    Map<String, Object> unix = Files.readAttributes(path, "unix:mode,nlink,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributes posix = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return new JsonObject()
        .put("path", path.toString())
        .put("size", (Long) unix.get("size"))
        .put("mode", modeString((Integer) unix.get("mode")))
        .put("mtime", posix.lastModifiedTime().toMillis() / 1000)
        .put("nlink", (Integer) unix.get("nlink"))
        .put("uid", posix.owner().getName())
        .put("gid", posix.group().getName());
  }

  static String modeString(int mode) {
    char type = switch (mode & 0170000) {
      case 0040000 -> 'd';
      case 0120000 -> 'l';
      case 0010000 -> 'p';
      case 0140000 -> 's';
      case 0020000 -> 'c';
      case 0060000 -> 'b';
      default -> '-';
    };
    StringBuilder text = new StringBuilder().append(type);
    String letters = "rwxrwxrwx";
    for (int bit = 0; bit < 9; bit++) {
      text.append((mode & (1 << (8 - bit))) != 0 ? letters.charAt(bit) : '-');
    }
    return text.toString();
  }

  /** Relative paths are taken from the work dir; the result must really lie inside it. */
  private Path resolve(String requested) throws Refusal, IOException {
    if (requested == null || requested.isEmpty()) {
      throw new Refusal(400, "missing query parameter 'path'");
    }
    Path path;
    try {
      path = workDir.resolve(requested).normalize(); // an absolute 'requested' replaces workDir
    } catch (InvalidPathException e) {
      throw new Refusal(400, "invalid path '" + requested + "': " + e.getReason());
    }
    if (!path.startsWith(workDir)) {
      throw new Refusal(400, "path '" + requested + "' is outside the agent work dir; give a path inside " + workDir);
    }
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      throw new Refusal(404, "no such file: '" + requested + "'");
    }
    if (!real.startsWith(workDir.toRealPath())) {
      throw new Refusal(400, "path '" + requested + "' leads outside the agent work dir (symlink)");
    }
    return real;
  }

  private static long number(RoutingContext rc, String name, long fallback) throws Refusal {
    String text = rc.queryParams().get(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new Refusal(400, "query parameter '" + name + "' must be an integer, was '" + text + "'");
    }
  }
}
