package io.meseta.jobs;

import io.meseta.client.SchedulerDriver;
import io.meseta.core.model.AgentId;
import io.meseta.protocol.ResourcesProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Turns a round's placements into one ACCEPT per agent (all of that agent's held offers, one
 * LAUNCH with every task placed there), and the task runs each job now has.
 */
final class JobLaunches {
  private record Placed(Job job, int index, AgentId agent) {}

  private final String role;
  private final List<Placed> placed = new ArrayList<>();

  JobLaunches(String role) {
    this.role = role;
  }

  void add(Job job, Map<Integer, AgentId> placement) {
    placement.forEach((index, agent) -> placed.add(new Placed(job, index, agent)));
  }

  /** Sends the launches; returns the task runs per launched job, in placement order. */
  Map<Job, List<Job.TaskRun>> send(SchedulerDriver driver, HeldOffers offers,
      double refuseSeconds) {
    Map<AgentId, List<Placed>> byAgent = new LinkedHashMap<>();
    placed.forEach(p -> byAgent.computeIfAbsent(p.agent(), a -> new ArrayList<>()).add(p));
    Map<Job, Job.TaskRun[]> runs = new LinkedHashMap<>();
    Filters filters = Filters.newBuilder().setRefuseSeconds(refuseSeconds).build();
    byAgent.forEach((agent, tasks) -> {
      List<HeldOffers.Held> held = offers.take(agent);
      Offer any = held.get(0).offer();
      List<OfferID> ids = held.stream().map(h -> h.offer().getId()).toList();
      List<TaskInfo> infos = new ArrayList<>();
      for (Placed p : tasks) {
        String taskId = p.job().taskId(p.index());
        infos.add(TaskInfo.newBuilder()
            .setName(p.job().spec().name() + "-" + p.index())
            .setTaskId(TaskID.newBuilder().setValue(taskId))
            .setAgentId(AgentID.newBuilder().setValue(agent.value()))
            .setCommand(CommandInfo.newBuilder().setShell(true).setValue(p.job().spec().command()))
            .addAllResources(ResourcesProto.toProto(p.job().spec().resources(), role))
            .build());
        runs.computeIfAbsent(p.job(), j -> new Job.TaskRun[j.spec().gangSize()])[p.index()] =
            new Job.TaskRun(p.index(), taskId, agent, HeldOffers.host(any), HeldOffers.port(any),
                Job.TaskPhase.STAGING);
      }
      Offer.Operation launch = Offer.Operation.newBuilder()
          .setType(Offer.Operation.Type.LAUNCH)
          .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(infos))
          .build();
      driver.accept(ids, List.of(launch), filters);
    });
    Map<Job, List<Job.TaskRun>> result = new LinkedHashMap<>();
    runs.forEach((job, array) -> result.put(job, List.of(array)));
    return result;
  }
}
