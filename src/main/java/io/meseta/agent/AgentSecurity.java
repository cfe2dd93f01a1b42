package io.meseta.agent;

import io.meseta.tls.TlsSettings;
import java.util.Objects;

/**
 * What an agent does to stay trustworthy: TLS for its HTTP server and towards the master, and
 * which OS user its tasks run as.
 *
 * @param tls the identity the agent's HTTP server (files, executor API) presents, and the CA
 *     it verifies the master with (also handed to executors, see {@link ExecutorContext})
 * @param switchUser run each task as its {@code CommandInfo.user} (else its framework's user),
 *     as Mesos' {@code --switch_user}; needs the agent to run as root
 * @param allowRootTasks let tasks run as root (requested as root, or run unswitched by an agent
 *     that is root); refused otherwise with a message naming {@code --allow-root-tasks}
 * @param authenticateExecutors give each executor a token ({@code
 *     MESOS_EXECUTOR_AUTHENTICATION_TOKEN}) and require it on the executor API
 *     ({@code --authenticate-executors}, off by default as in Mesos)
 */
public record AgentSecurity(TlsSettings tls, boolean switchUser, boolean allowRootTasks,
    boolean authenticateExecutors) {
  /**
   * Embedded agents (tests, {@code meseta dev}): tasks run as the agent's own user, as they
   * always did; the {@code agent} command chooses Mesos' defaults instead
   * ({@link #commandLine}).
   */
  public static final AgentSecurity EMBEDDED = new AgentSecurity(TlsSettings.OFF, false, true);

  public AgentSecurity {
    Objects.requireNonNull(tls, "tls");
  }

  /** Executors unauthenticated. */
  public AgentSecurity(TlsSettings tls, boolean switchUser, boolean allowRootTasks) {
    this(tls, switchUser, allowRootTasks, false);
  }

  /**
   * @param switchUser null = switch when the agent runs as root (Mesos' default)
   */
  public static AgentSecurity commandLine(TlsSettings tls, Boolean switchUser,
      boolean allowRootTasks) {
    return new AgentSecurity(tls,
        switchUser != null ? switchUser : TaskUsers.agentIsRoot(), allowRootTasks);
  }

  public AgentSecurity withTls(TlsSettings newTls) {
    return new AgentSecurity(newTls, switchUser, allowRootTasks, authenticateExecutors);
  }

  public AgentSecurity withAuthenticatedExecutors(boolean on) {
    return new AgentSecurity(tls, switchUser, allowRootTasks, on);
  }
}
