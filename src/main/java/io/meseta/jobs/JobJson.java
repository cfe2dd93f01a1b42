package io.meseta.jobs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The REST view of jobs and of why they wait (snake_case, times as ISO-8601 strings). */
final class JobJson {
  private JobJson() {}

  /** @param frameworkId the job service's framework id (for sandbox paths), or null */
  static JsonObject of(Job job, String frameworkId) {
    JobSpec spec = job.spec();
    JsonArray constraints = new JsonArray();
    spec.constraints().forEach(c -> constraints.add(c.attribute() + " " + c.operator()
        + (c.value() == null ? "" : " " + c.value())));
    JsonArray tasks = new JsonArray();
    for (Job.TaskRun run : job.tasks()) {
      tasks.add(new JsonObject()
          .put("index", run.index())
          .put("task_id", run.taskId())
          .put("state", run.phase().name())
          .put("agent_id", run.agentId().value())
          .put("agent_host", run.agentHost())
          .put("agent_port", run.agentPort()));
    }
    return new JsonObject()
        .put("id", job.id().value())
        .put("name", spec.name())
        .put("state", job.state().name())
        .put("message", job.message())
        .put("command", spec.command())
        .put("resources", spec.resources().toText())
        .put("priority", spec.priority())
        .put("estimated_runtime_seconds", spec.declaredRuntime()
            .map(d -> d.toMillis() / 1000.0).orElse(null))
        .put("constraints", constraints)
        .put("restart", new JsonObject()
            .put("max_retries", spec.restart().maxRetries())
            .put("backoff_seconds", spec.restart().backoff().toMillis() / 1000.0))
        .put("gang_size", spec.gangSize())
        .put("queue", spec.queue())
        .put("attempt", job.attempt())
        .put("moves", job.moves())
        .put("submitted_at", text(job.submittedAt()))
        .put("not_before", text(job.notBefore()))
        .put("started_at", text(job.startedAt()))
        .put("ended_at", text(job.endedAt()))
        .put("framework_id", frameworkId)
        .put("tasks", tasks);
  }

  static JsonObject why(Job job, WhyPending why) {
    JsonArray reasons = new JsonArray();
    if (why != null) {
      why.reasons().forEach(r -> reasons.add(new JsonObject()
          .put("reason", r.code().name())
          .put("subject", r.subject())
          .put("agents", r.agents())
          .put("message", r.sentence())));
    }
    String summary;
    if (job.state() != Job.State.PENDING) {
      summary = job.id() + " is " + job.state() + ", not pending";
    } else if (why == null) {
      summary = "waiting for the first placement round (offers from the master)";
    } else {
      summary = why.summary();
    }
    return new JsonObject()
        .put("id", job.id().value())
        .put("state", job.state().name())
        .put("summary", summary)
        .put("reasons", job.state() == Job.State.PENDING ? reasons : new JsonArray())
        .put("as_of", why == null ? null : text(why.asOf()));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
