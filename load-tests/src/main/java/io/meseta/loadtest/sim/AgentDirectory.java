package io.meseta.loadtest.sim;

import io.meseta.loadtest.metrics.Measurements;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered simulated agents by id, shared by the frameworks so that an offer received for an agent can be
 * matched with the moment resources were freed there (offer latency). Safe from any thread.
 */
public final class AgentDirectory {
  private final ConcurrentHashMap<String, SimulatedAgent> byId = new ConcurrentHashMap<>();
  private final Measurements measurements;

  public AgentDirectory(Measurements measurements) {
    this.measurements = measurements;
  }

  void put(String agentId, SimulatedAgent agent) {
    byId.put(agentId, agent);
  }

  void remove(String agentId) {
    byId.remove(agentId);
  }

  public int size() {
    return byId.size();
  }

  /** A framework received an offer of this agent: records freed → offered if resources were freed since. */
  void offerReceived(String agentId, long receivedNanos) {
    SimulatedAgent agent = byId.get(agentId);
    if (agent != null) {
      long freedAt = agent.freedAtNanos.getAndSet(0);
      if (freedAt != 0 && freedAt >= measurements.windowStartNanos()) {
        measurements.offerLatency(receivedNanos - freedAt);
      }
    }
  }
}
