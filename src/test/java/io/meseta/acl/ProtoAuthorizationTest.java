package io.meseta.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

/** What the ACLs are asked about a framework, a task and a reservation, read from Mesos protos. */
class ProtoAuthorizationTest {
  private static final Acls ACLS = AclsJson.parse("""
      {"permissive": false,
       "register_frameworks": [{"principals": {"values": ["a"]}, "roles": {"values": ["x", "y"]}},
                               {"principals": {"type": "ANY"}, "roles": {"values": ["*"]}}],
       "reserve_resources": [{"principals": {"values": ["a"]}, "roles": {"values": ["x"]}}],
       "unreserve_resources": [{"principals": {"values": ["a"]},
                                "reserver_principals": {"values": ["a"]}}]}""", "t");

  private static final FrameworkInfo.Capability MULTI_ROLE = FrameworkInfo.Capability.newBuilder()
      .setType(FrameworkInfo.Capability.Type.MULTI_ROLE).build();

  @Test
  void aFrameworkRegistersForEachOfItsRolesOrTheDefaultRole() {
    FrameworkInfo a = FrameworkInfo.newBuilder().setUser("u").setName("n").setPrincipal("a")
        .build();
    assertThat(FrameworkAuthorization.registerDenial(ACLS, a)).as("role '*' by default").isEmpty();
    assertThat(FrameworkAuthorization.registerDenial(ACLS, a.toBuilder().setRole("x").build()))
        .isEmpty();
    assertThat(FrameworkAuthorization.registerDenial(ACLS, a.toBuilder().setRole("z").build()))
        .contains("Forbidden: principal 'a' may not register frameworks for role 'z'"
            + " (ACL 'register_frameworks'): ask the operator for that permission");
    FrameworkInfo multi = a.toBuilder().addCapabilities(MULTI_ROLE).addRoles("x").addRoles("y")
        .build();
    assertThat(FrameworkAuthorization.registerDenial(ACLS, multi)).isEmpty();
    assertThat(FrameworkAuthorization.registerDenial(ACLS, multi.toBuilder().addRoles("z")
        .build()).orElseThrow()).contains("role 'z'");
    FrameworkInfo anonymous = FrameworkInfo.newBuilder().setUser("u").setName("n").setRole("x")
        .build();
    assertThat(FrameworkAuthorization.registerDenial(ACLS, anonymous).orElseThrow())
        .contains("a request without a principal may not register frameworks for role 'x'");
  }

  @Test
  void aTaskRunsAsItsCommandUserElseItsExecutorsElseTheFrameworks() {
    FrameworkInfo framework = FrameworkInfo.newBuilder().setUser("fw-user").setName("n").build();
    TaskInfo plain = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t"))
        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("s"))
        .setCommand(CommandInfo.newBuilder().setValue("true")).build();
    ExecutorInfo executor = ExecutorInfo.newBuilder()
        .setExecutorId(ExecutorID.newBuilder().setValue("e"))
        .setCommand(CommandInfo.newBuilder().setValue("x").setUser("exec-user")).build();
    assertThat(TaskUsers.userOf(plain, null, framework)).isEqualTo("fw-user");
    assertThat(TaskUsers.userOf(plain.toBuilder().setCommand(plain.getCommand().toBuilder()
        .setUser("cmd-user")).build(), null, framework)).isEqualTo("cmd-user");
    assertThat(TaskUsers.userOf(plain.toBuilder().clearCommand().setExecutor(executor).build(),
        null, framework)).isEqualTo("exec-user");
    assertThat(TaskUsers.userOf(plain, executor, framework)).as("a task group's executor")
        .isEqualTo("exec-user");
    assertThat(TaskUsers.userOf(plain, null, null)).isNull();
  }

  @Test
  void reservationsAreJudgedByTheirRoleAndTheirReserver() {
    Resource refined = cpus().addReservations(Resource.ReservationInfo.newBuilder()
        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole("x").setPrincipal("a")).build();
    Resource older = cpus().setRole("x").setReservation(Resource.ReservationInfo.newBuilder()
        .setPrincipal("b")).build();
    assertThat(ReservationAuthorization.reserveDenial(ACLS, "a", List.of(refined, older)))
        .isEmpty();
    assertThat(ReservationAuthorization.reserveDenial(ACLS, "b", List.of(refined)).orElseThrow())
        .contains("principal 'b' may not reserve resources for role 'x'");
    assertThat(ReservationAuthorization.unreserveDenial(ACLS, "a", List.of(refined))).isEmpty();
    assertThat(ReservationAuthorization.unreserveDenial(ACLS, "a", List.of(older)).orElseThrow())
        .contains("may not unreserve resources reserved by principal 'b'");
  }

  private static Resource.Builder cpus() {
    return Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(1));
  }
}
