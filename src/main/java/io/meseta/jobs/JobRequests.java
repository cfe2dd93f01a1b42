package io.meseta.jobs;

import io.meseta.master.bus.Failures;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;

/**
 * The job service's event-bus protocol, JSON both ways so any gateway can speak it without
 * codecs: {@code {"action":"submit","job":{...}}}, {@code {"action":"list","state":"PENDING"}},
 * and {@code get}, {@code kill}, {@code why} with an {@code "id"}. Failures carry HTTP-like codes
 * ({@link Failures}; 409 for killing a job that has already ended).
 */
final class JobRequests {
  static final int CONFLICT = 409;

  private final JobServiceVerticle service;

  JobRequests(JobServiceVerticle service) {
    this.service = service;
  }

  void handle(Message<JsonObject> message) {
    JsonObject body = message.body() == null ? new JsonObject() : message.body();
    String action = body.getString("action", "");
    try {
      switch (action) {
        case "submit" -> submit(message, body.getJsonObject("job"));
        case "list" -> message.reply(list(body.getString("state")));
        case "get" -> message.reply(JobJson.of(job(body), service.frameworkId()));
        case "kill" -> message.reply(JobJson.of(kill(job(body)), service.frameworkId()));
        case "why" -> {
          Job job = job(body);
          message.reply(JobJson.why(job, service.book().why(job.id()).orElse(null)));
        }
        default -> message.fail(Failures.BAD_REQUEST, "unknown job service action '" + action
            + "'; use submit, list, get, kill or why");
      }
    } catch (Refused e) {
      message.fail(e.code, e.getMessage());
    } catch (IllegalArgumentException | ClassCastException e) {
      message.fail(Failures.BAD_REQUEST, e.getMessage());
    }
  }

  private void submit(Message<JsonObject> message, JsonObject json) {
    if (json == null) {
      message.fail(Failures.BAD_REQUEST, "the request body must be a JSON object such as"
          + " {\"command\":\"echo hello\",\"resources\":\"cpus:0.1;mem:32\"}");
      return;
    }
    // Parse fully before anything is queued: a bad field leaves no trace.
    JobSpec spec = JobSpecJson.parse(json);
    service.submit(spec).onComplete(result -> {
      if (result.succeeded()) {
        message.reply(JobJson.of(result.result(), service.frameworkId()));
      } else {
        message.fail(Failures.BAD_REQUEST, result.cause().getMessage());
      }
    });
  }

  private JsonObject list(String state) {
    Job.State filter = null;
    if (state != null && !state.isBlank()) {
      try {
        filter = Job.State.valueOf(state.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown job state '" + state + "'; use PENDING,"
            + " STAGING, RUNNING, FINISHED, FAILED or KILLED");
      }
    }
    JsonArray jobs = new JsonArray();
    service.book().list(filter).forEach(j -> jobs.add(JobJson.of(j, service.frameworkId())));
    return new JsonObject().put("jobs", jobs);
  }

  private Job kill(Job job) throws Refused {
    if (job.state().terminal()) {
      throw new Refused(CONFLICT, "job " + job.id() + " has already ended (" + job.state()
          + "); there is nothing to kill");
    }
    return service.kill(job);
  }

  private Job job(JsonObject body) throws Refused {
    String id = body.getString("id");
    Optional<Job> job = Optional.empty();
    try {
      job = service.book().get(JobId.of(id));
    } catch (IllegalArgumentException e) {
      // Not even shaped like an id: answered as unknown below.
    }
    return job.orElseThrow(() -> new Refused(Failures.NOT_FOUND, "no job '" + id
        + "'; GET /api/v1/jobs lists the jobs this master knows"));
  }

  /** A refusal with its HTTP-like code. */
  private static final class Refused extends Exception {
    final int code;

    Refused(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
