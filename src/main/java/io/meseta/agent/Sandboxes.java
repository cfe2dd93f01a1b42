package io.meseta.agent;

import java.nio.file.Path;

/**
 * Where task sandboxes live: {@code WORK/sandboxes/<framework_id>/<task_id>/} (executors:
 * {@code WORK/executors/<framework_id>/<executor_id>/}). Ids come from
 * frameworks, so they are checked before they become path segments: an id such as {@code ..}
 * or {@code a/b} must never place a sandbox (or let its task write) outside the work dir.
 */
final class Sandboxes {
  private final Path root;

  Sandboxes(Path workDir) {
    this.root = workDir.resolve("sandboxes");
  }

  Path root() {
    return root;
  }

  /**
   * @throws IllegalArgumentException saying which id is unusable and why
   */
  Path sandboxOf(String frameworkId, String taskId) {
    return root.resolve(segment("framework_id", frameworkId)).resolve(segment("task_id", taskId));
  }

  /**
   * {@code WORK/executors/<framework_id>/<executor_id>/}: apart from task sandboxes, so that an
   * executor id can never collide with a task id.
   *
   * @throws IllegalArgumentException saying which id is unusable and why
   */
  Path executorSandboxOf(String frameworkId, String executorId) {
    return root.resolveSibling("executors").resolve(segment("framework_id", frameworkId))
        .resolve(segment("executor_id", executorId));
  }

  private static String segment(String what, String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (id.equals(".") || id.equals("..")) {
      throw new IllegalArgumentException(what + " '" + id + "' cannot name a sandbox directory");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '/' || c == '\\' || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            what + " '" + id.replaceAll("\\p{Cntrl}", "?")
                + "' contains '/', '\\' or a control character; sandbox paths cannot hold it");
      }
    }
    return id;
  }
}
