package io.meseta.loadtest.fuzz;

import io.meseta.loadtest.fuzz.FuzzCluster.Answer;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The job REST API, {@code /api/v1/jobs}: mutated submissions and odd ids for get, kill and why.
 * Jobs that a mutation still made valid are killed after each batch, so that the queue does not
 * grow without bound over 100,000 inputs.
 */
final class JobsFuzzer extends HttpFuzzer {
  private final FuzzCluster cluster;
  private final List<String> created = new ArrayList<>();
  private int killed;

  JobsFuzzer(FuzzCluster cluster) {
    super("job REST API", cluster, cluster::port,
        (worker, random) -> HttpEntryPoints.jobRequest(random));
    this.cluster = cluster;
  }

  @Override
  void answered(Request request, Answer answer) {
    if (answer.status() == 201) {
      try {
        String id = new JsonObject(answer.body()).getString("id");
        synchronized (created) {
          created.add(id);
        }
      } catch (RuntimeException e) {
        synchronized (created) {
          created.add(null);
        }
      }
    }
  }

  /** Jobs created so far (valid submissions among the mutations). */
  int created() {
    synchronized (created) {
      return created.size() + killed;
    }
  }

  @Override
  public Future<Void> afterBatch() {
    List<String> ids;
    synchronized (created) {
      ids = new ArrayList<>(created);
      killed += created.size();
      created.clear();
    }
    List<Future<Answer>> kills = ids.stream().filter(id -> id != null)
        .map(id -> cluster.request(HttpMethod.DELETE, cluster.port(), "/api/v1/jobs/"
            + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8), null, null))
        .toList();
    return Future.join(kills).mapEmpty();
  }
}
