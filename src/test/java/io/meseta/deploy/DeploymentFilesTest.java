package io.meseta.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.config.Config;
import io.meseta.cli.MesetaCommand;
import io.meseta.master.cluster.ClusterSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * {@code docker/} cannot be run here (no Docker engine), so this keeps it honest: every compose
 * command parses with Meseta's real command line, the names, ports and files the services use
 * agree with each other, with the image and with the repository, and every Grafana query reads
 * a metric that a real master serves.
 */
class DeploymentFilesTest {
  private static final Path REPOSITORY = Path.of("").toAbsolutePath();
  private static final Path DOCKER = REPOSITORY.resolve("docker");
  private static final int MASTER_DEFAULT_PORT = 5050;
  private static final int AGENT_DEFAULT_PORT = 5051;
  private static final String GRAFANA_PROVISIONING = "/etc/grafana/provisioning";

  private static ComposeFile compose;
  private static Dockerfile dockerfile;
  /** Parsed command of each Meseta service, by service name; masters first as in the file. */
  private static final Map<String, ParseResult> masters = new LinkedHashMap<>();
  private static final Map<String, ParseResult> agents = new LinkedHashMap<>();

  @BeforeAll
  static void parseTheFiles() throws IOException {
    compose = ComposeFile.load(DOCKER.resolve("compose.yaml"));
    dockerfile = Dockerfile.load(DOCKER.resolve("Dockerfile"));
    compose.mesetaServices().forEach((name, service) -> {
      ParseResult command = parse(name, ComposeFile.command(service));
      switch (command.subcommand().commandSpec().name()) {
        case "master" -> masters.put(name, command.subcommand());
        case "agent" -> agents.put(name, command.subcommand());
        default -> throw new AssertionError(name + " runs '"
            + command.subcommand().commandSpec().name() + "'; compose runs masters and agents");
      }
    });
  }

  private static ParseResult parse(String service, List<String> args) {
    try {
      return new CommandLine(new MesetaCommand()).parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError("the command of compose service " + service + " does not parse"
          + " with the meseta CLI (" + e.getMessage() + "): " + args, e);
    }
  }

  @Test
  void composeRunsThreeMastersAndThreeAgentsAdvertisingTheirServiceNames() {
    assertThat(masters).hasSize(3);
    assertThat(agents).hasSize(3);
    compose.mesetaServices().forEach((name, service) -> {
      ParseResult command = masters.containsKey(name) ? masters.get(name) : agents.get(name);
      // Frameworks and masters reach each node by the name it advertises.
      assertThat(command.matchedOptionValue("--hostname", "")).as(name).isEqualTo(name);
      assertThat(service.get("hostname")).as(name).isEqualTo(name);
    });
  }

  @Test
  void agentsListEveryMasterAtThePortItServes() {
    List<String> masterAddresses = masters.entrySet().stream()
        .map(m -> m.getKey() + ":" + m.getValue().matchedOptionValue("--port", MASTER_DEFAULT_PORT))
        .toList();
    agents.forEach((name, agent) -> {
      assertThat(agent.matchedOptionValue("--master", List.<String>of())).as(name)
          .containsExactlyElementsOf(masterAddresses);
      assertThat(ComposeFile.strings(compose.service(name).get("depends_on"), "depends_on"))
          .as(name).containsAll(masters.keySet());
    });
  }

  @Test
  void publishedPortsAreThoseTheCommandsServeAndTheImageExposes() {
    masters.forEach((name, master) -> {
      int port = master.matchedOptionValue("--port", MASTER_DEFAULT_PORT);
      assertThat(ComposeFile.containerPorts(compose.service(name))).as(name).containsExactly(port);
      assertThat(dockerfile.exposedPorts()).as("EXPOSE of the image").contains(port);
    });
    agents.forEach((name, agent) -> assertThat(dockerfile.exposedPorts()).as("EXPOSE")
        .contains(agent.matchedOptionValue("--port", AGENT_DEFAULT_PORT)));
    assertThat(ComposeFile.containerPorts(compose.service("prometheus"))).containsExactly(9090);
    assertThat(ComposeFile.containerPorts(compose.service("grafana"))).containsExactly(3000);
  }

  @Test
  void mastersClusterWithEachOtherThroughTheHazelcastFileInTheImage() throws IOException {
    Set<String> clusterFiles = new HashSet<>();
    masters.values().forEach(master -> clusterFiles.add(
        String.valueOf((Object) master.matchedOptionValue("--cluster", null))));
    assertThat(clusterFiles).as("every master names the same --cluster file").hasSize(1);
    String imagePath = clusterFiles.iterator().next();
    Path file = dockerfile.repositoryFileAt(imagePath, REPOSITORY).orElseThrow(() ->
        new AssertionError("the Dockerfile copies nothing to " + imagePath));
    assertThat(file).as("copied into the image at " + imagePath).isRegularFile();

    Config config = ClusterSettings.load(file);
    List<String> members = masters.keySet().stream()
        .map(name -> name + ":" + config.getNetworkConfig().getPort()).toList();
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
        .containsExactlyElementsOf(members);
    assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(dockerfile.exposedPorts()).contains(config.getNetworkConfig().getPort());
    assertThat(config.getCPSubsystemConfig().getCPMemberCount()).isEqualTo(masters.size());
    // Only the network may differ from the shipped configuration, whose values say why.
    assertThat(withoutNetwork(file)).as("%s outside its network section; copy the values of"
        + " conf/hazelcast.yaml over", file)
        .isEqualTo(withoutNetwork(REPOSITORY.resolve("conf/hazelcast.yaml")));
  }

  private static Map<String, Object> withoutNetwork(Path hazelcastYaml) throws IOException {
    Map<String, Object> hazelcast = new LinkedHashMap<>(ComposeFile.mapOf(
        ComposeFile.yaml(hazelcastYaml).get("hazelcast"), hazelcastYaml.toString()));
    hazelcast.remove("network");
    return hazelcast;
  }

  @Test
  void theImageIsBuiltByMavenAndRunsTheJarWithHazelcastsOpens() throws IOException {
    assertThat(dockerfile.stages()).hasSize(2);
    Dockerfile.Stage build = dockerfile.stages().get(0);
    assertThat(build.from()).startsWith("maven:").contains("temurin-17");
    assertThat(build.all("RUN")).extracting(Dockerfile.Instruction::arguments)
        .contains("mvn -B -q dependency:go-offline", "mvn -B -q package -DskipTests");
    assertThat(dockerfile.image().from()).isEqualTo("eclipse-temurin:17-jre");
    assertThat(Files.readString(REPOSITORY.resolve("pom.xml")))
        .contains("<finalName>meseta</finalName>");

    List<String> entrypoint = dockerfile.entrypoint();
    assertThat(entrypoint).startsWith("java")
        .containsSequence("--add-opens", "java.base/java.lang=ALL-UNNAMED")
        .containsSequence("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
    String jar = entrypoint.get(entrypoint.indexOf("-jar") + 1);
    assertThat(dockerfile.copies()).as("a COPY puts " + jar + " into the image")
        .anySatisfy(copy -> {
          assertThat(copy.destination()).isEqualTo(jar);
          assertThat(copy.fromStage()).isEqualTo(build.name());
          assertThat(copy.sources()).containsExactly("/build/target/meseta.jar");
        });
    assertThat(build.last("WORKDIR")).contains("/build");
    for (Dockerfile.Copy copy : dockerfile.copies()) {
      if (copy.fromStage() == null) {
        copy.sources().forEach(source -> assertThat(REPOSITORY.resolve(source)).exists());
      }
    }
    assertThat(dockerfile.repositoryFileAt(dockerfile.workdir() + "/conf/meseta.yaml", REPOSITORY))
        .hasValueSatisfying(conf -> assertThat(conf).isRegularFile());
    agents.values().forEach(agent -> assertThat(String.valueOf(agent.matchedOptionValue(
        "--work-dir", Path.of("")))).isEqualTo("/var/lib/meseta"));
    assertThat(dockerfile.image().all("RUN")).extracting(Dockerfile.Instruction::arguments)
        .anySatisfy(run -> assertThat(run).contains("chown meseta:meseta", "/var/lib/meseta"));
  }

  @Test
  void prometheusScrapesEveryMastersMetrics() throws IOException {
    Path config = compose.mountedFile("prometheus", "/etc/prometheus/prometheus.yml");
    assertThat(config).isRegularFile();
    List<String> targets = new ArrayList<>();
    for (Object job : (List<?>) ComposeFile.yaml(config).get("scrape_configs")) {
      Map<String, Object> scrape = ComposeFile.mapOf(job, "scrape config");
      assertThat(scrape.getOrDefault("metrics_path", "/metrics")).isEqualTo("/metrics");
      for (Object group : (List<?>) scrape.get("static_configs")) {
        targets.addAll(ComposeFile.strings(
            ComposeFile.mapOf(group, "static config").get("targets"), "targets"));
      }
    }
    assertThat(targets).containsExactlyInAnyOrderElementsOf(masters.entrySet().stream()
        .map(m -> m.getKey() + ":" + m.getValue().matchedOptionValue("--port", MASTER_DEFAULT_PORT))
        .toList());
  }

  @Test
  void grafanaLoadsTheDashboardFromPrometheusAndItsQueriesReadMetricsAMasterServes()
      throws Exception {
    for (Path[] mount : compose.bindMounts("grafana")) {
      assertThat(mount[0]).as("mounted at " + mount[1]).exists();
    }
    Map<String, Object> provider = ComposeFile.firstOf(ComposeFile.yaml(compose.mountedFile(
        "grafana", GRAFANA_PROVISIONING + "/dashboards/meseta.yaml")).get("providers"),
        "providers");
    Object dashboards = ComposeFile.mapOf(provider.get("options"), "provider options").get("path");
    JsonNode dashboard = new ObjectMapper().readTree(
        compose.mountedFile("grafana", dashboards + "/meseta.json").toFile());
    Map<String, Object> datasource = ComposeFile.firstOf(ComposeFile.yaml(compose.mountedFile(
        "grafana", GRAFANA_PROVISIONING + "/datasources/prometheus.yaml")).get("datasources"),
        "datasources");
    assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");

    Set<String> served = ScrapedMaster.metricNames();
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      String title = panel.get("title").asText();
      assertThat(panel.at("/datasource/uid").asText()).as(title).isEqualTo(datasource.get("uid"));
      for (JsonNode target : panel.get("targets")) {
        String expression = target.get("expr").asText();
        expressions.add(expression);
        Set<String> names = PromQl.metricNames(expression);
        assertThat(names).as("metrics of '%s' in panel %s", expression, title).isNotEmpty();
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(served);
        assertThat(unknown).as("metrics read by '%s' in panel %s that a master does not serve at"
            + " /metrics (it serves %s)", expression, title, served).isEmpty();
      }
    }
    // The panels the operator looks for first.
    assertThat(String.join("\n", expressions)).contains("meseta_allocation_run_seconds",
        "meseta_offers_total", "meseta_tasks", "meseta_agents", "meseta_frameworks",
        "meseta_resources_used", "meseta_resources_capacity", "jvm_memory_used_bytes");
  }
}
