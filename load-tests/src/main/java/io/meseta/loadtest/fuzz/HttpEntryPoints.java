package io.meseta.loadtest.fuzz;

import io.meseta.gateway.security.JsonMutator;
import io.meseta.loadtest.fuzz.HttpFuzzer.Request;
import io.meseta.protocol.json.MesosJson;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** The HTTP entry points under fuzz, each with its seeds. */
final class HttpEntryPoints {
  static final String JSON = "application/json";
  static final String PROTOBUF = "application/x-protobuf";

  /** The read-only seeds of the in-suite fuzz test, plus writes aimed at ids that exist nowhere. */
  static final List<String> OPERATOR_CALLS = java.util.stream.Stream.concat(
      JsonMutator.OPERATOR_CALLS.stream(), java.util.stream.Stream.of(
      "{\"type\":\"GET_HEALTH\"}",
      "{\"type\":\"GET_VERSION\"}",
      "{\"type\":\"GET_FLAGS\"}",
      "{\"type\":\"GET_WEIGHTS\"}",
      "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":[{\"role\":\"fuzz\","
          + "\"weight\":2.0}]}}",
      "{\"type\":\"TEARDOWN\",\"teardown\":{\"framework_id\":{\"value\":\"no-such-framework\"}}}",
      "{\"type\":\"MARK_AGENT_GONE\",\"mark_agent_gone\":{\"agent_id\":{\"value\":\"no-such-agent\"}}}",
      "{\"type\":\"DRAIN_AGENT\",\"drain_agent\":{\"agent_id\":{\"value\":\"no-such-agent\"}}}",
      "{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":[{\"role\":\"fuzz\","
          + "\"guarantees\":{\"cpus\":{\"value\":1}},\"limits\":{\"cpus\":{\"value\":2}}}]}}"))
      .toList();

  static final List<String> EXECUTOR_CALLS = List.of(
      "{\"type\":\"SUBSCRIBE\",\"framework_id\":{\"value\":\"F\"},\"executor_id\":{\"value\":\"e\"},"
          + "\"subscribe\":{\"unacknowledged_tasks\":[],\"unacknowledged_updates\":[]}}",
      "{\"type\":\"UPDATE\",\"framework_id\":{\"value\":\"F\"},\"executor_id\":{\"value\":\"e\"},"
          + "\"update\":{\"status\":{\"task_id\":{\"value\":\"t\"},\"state\":\"TASK_RUNNING\","
          + "\"source\":\"SOURCE_EXECUTOR\",\"uuid\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}}}",
      "{\"type\":\"MESSAGE\",\"framework_id\":{\"value\":\"F\"},\"executor_id\":{\"value\":\"e\"},"
          + "\"message\":{\"data\":\"aGVsbG8=\"}}",
      "{\"type\":\"HEARTBEAT\",\"framework_id\":{\"value\":\"F\"},\"executor_id\":{\"value\":\"e\"}}");

  static final List<String> JOBS = List.of(
      "{\"name\":\"fuzz\",\"command\":\"true\",\"resources\":\"cpus:0.1;mem:16\"}",
      "{\"name\":\"fuzz\",\"command\":\"true\",\"resources\":\"cpus:0.1;mem:16\",\"priority\":5,"
          + "\"estimated_runtime\":\"10s\",\"constraints\":[\"rack EQUALS r1\"],"
          + "\"restart\":{\"max_retries\":1,\"backoff\":\"1s\"},\"gang_size\":2,\"queue\":\"q\"}");

  private HttpEntryPoints() {}

  static HttpFuzzer schedulerJson(FuzzCluster cluster) {
    return new HttpFuzzer("Mesos HTTP API, JSON", cluster, cluster::port, (worker, random) ->
        Request.post("/api/v1/scheduler", JSON, json(JsonMutator.SCHEDULER_CALLS, random)));
  }

  static HttpFuzzer schedulerProtobuf(FuzzCluster cluster) {
    List<byte[]> seeds = JsonMutator.SCHEDULER_CALLS.stream()
        .map(json -> MesosJson.parse(json, Call.getDefaultInstance()).toByteArray()).toList();
    return new HttpFuzzer("Mesos HTTP API, protobuf", cluster, cluster::port, (worker, random) ->
        Request.post("/api/v1/scheduler", PROTOBUF, bytes(seeds, random)));
  }

  static HttpFuzzer executor(FuzzCluster cluster) {
    List<byte[]> protobufSeeds = EXECUTOR_CALLS.stream().map(json -> MesosJson.parse(json,
        org.apache.mesos.v1.executor.Protos.Call.getDefaultInstance()).toByteArray()).toList();
    int[] next = {0};
    return new HttpFuzzer("agent executor API", cluster,
        () -> cluster.agents.get(Math.floorMod(next[0]++, cluster.agents.size())).httpPort(),
        (worker, random) -> random.nextBoolean()
            ? Request.post("/api/v1/executor", JSON, json(EXECUTOR_CALLS, random))
            : Request.post("/api/v1/executor", PROTOBUF, bytes(protobufSeeds, random)));
  }

  static HttpFuzzer operator(FuzzCluster cluster) {
    return new HttpFuzzer("operator API", cluster, cluster::port, (worker, random) ->
        Request.post("/api/v1", JSON, json(OPERATOR_CALLS, random)));
  }

  static HttpFuzzer jobs(FuzzCluster cluster) {
    return new JobsFuzzer(cluster);
  }

  static byte[] json(List<String> seeds, Random random) {
    return random.nextInt(20) == 0 ? Mutator.randomBytes(random)
        : Mutator.mutateJson(seeds.get(random.nextInt(seeds.size())), random);
  }

  private static byte[] bytes(List<byte[]> seeds, Random random) {
    byte[] seed = seeds.get(random.nextInt(seeds.size()));
    return switch (random.nextInt(10)) {
      case 0 -> Mutator.randomBytes(random);
      case 1 -> seed;
      default -> Mutator.mutateBytes(seed, random);
    };
  }

  /** A random path segment: an id that exists nowhere, unicode, traversal, or a huge one. */
  static String oddId(Random random) {
    String[] ids = {"no-such-job", "%2e%2e%2f%2e%2e", "%F0%9F%98%80", "x".repeat(5000), "%00",
        "%25", "j" + random.nextLong(), "%C3%A9t%C3%A9"};
    return ids[random.nextInt(ids.length)];
  }

  static Request jobRequest(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> new Request(HttpMethod.GET, "/api/v1/jobs/" + oddId(random), null, null);
      case 1 -> new Request(HttpMethod.DELETE, "/api/v1/jobs/" + oddId(random), null, null);
      case 2 -> new Request(HttpMethod.GET, "/api/v1/jobs/" + oddId(random) + "/why", null, null);
      case 3 -> new Request(HttpMethod.GET, "/api/v1/jobs?state=" + oddId(random), null, null);
      default -> Request.post("/api/v1/jobs", random.nextInt(10) == 0 ? "text/plain" : JSON,
          json(JOBS, random));
    };
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
