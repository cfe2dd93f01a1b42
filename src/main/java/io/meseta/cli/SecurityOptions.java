package io.meseta.cli;

import io.meseta.acl.Acls;
import io.meseta.acl.AclsJson;
import io.meseta.gateway.security.AuthSettings;
import io.meseta.gateway.security.Credentials;
import io.meseta.gateway.security.InputLimits;
import io.meseta.gateway.security.RateLimits;
import io.meseta.gateway.security.SecuritySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The master's authentication flags (Mesos names, dashed) and its input limits; flags override
 * the {@code security} and {@code limits} sections of conf/meseta.yaml. Off unless asked for.
 */
final class SecurityOptions {
  @Option(names = "--authenticate", description = "frameworks and operators must authenticate"
      + " (HTTP Basic against --credentials, or a JWT bearer token)")
  Boolean authenticate;

  @Option(names = "--authenticate-agents",
      description = "agents must authenticate before they may register")
  Boolean authenticateAgents;

  @Option(names = "--credentials", description = "credentials file, Mesos JSON shape:"
      + " {\"credentials\":[{\"principal\":\"...\",\"secret\":\"...\"}]}")
  Path credentials;

  @Option(names = "--acls", description = "ACL file, Mesos JSON shape: {\"permissive\":false,"
      + "\"register_frameworks\":[{\"principals\":{\"values\":[\"a\"]},\"roles\":{...}}],...}")
  Path acls;

  SecuritySettings settings(Settings s) {
    boolean frameworks = authenticate != null ? authenticate
        : Boolean.parseBoolean(s.string("security", "authenticate", "false"));
    boolean agents = authenticateAgents != null ? authenticateAgents
        : Boolean.parseBoolean(s.string("security", "authenticate_agents", "false"));
    String credentialsFile = credentials != null ? credentials.toString()
        : s.string("security", "credentials", "");
    AuthSettings.JwtKey jwt = jwtKey(s);
    AuthSettings auth = !frameworks && !agents ? AuthSettings.off() : new AuthSettings(
        frameworks, agents,
        credentialsFile.isBlank() ? Credentials.none() : Credentials.load(Path.of(credentialsFile)),
        jwt);
    String aclsFile = acls != null ? acls.toString() : s.string("security", "acls", "");
    return new SecuritySettings(auth, limits(s), aclsFile.isBlank() ? Acls.none()
        : AclsJson.parse(read(aclsFile), aclsFile)).withRates(rates(s));
  }

  private static RateLimits rates(Settings s) {
    RateLimits d = RateLimits.defaults();
    return new RateLimits(
        s.integer("limits", "websocket_messages_per_second", d.webSocketMessagesPerSecond()),
        s.integer("limits", "websocket_message_burst", d.webSocketMessageBurst()),
        s.integer("limits", "http_requests_per_second", d.httpRequestsPerSecond()),
        s.integer("limits", "http_request_burst", d.httpRequestBurst()),
        s.integer("limits", "max_connections_per_address", d.maxConnectionsPerAddress()),
        s.integer("limits", "max_connections", d.maxConnections()));
  }

  /** {@code jwt_secret_file} (HS256) or {@code jwt_public_key_file} (PEM, jwt_algorithm). */
  private static AuthSettings.JwtKey jwtKey(Settings s) {
    String secretFile = s.string("security", "jwt_secret_file", "");
    String publicKeyFile = s.string("security", "jwt_public_key_file", "");
    if (!secretFile.isBlank() && !publicKeyFile.isBlank()) {
      throw new IllegalArgumentException("security.jwt_secret_file and"
          + " security.jwt_public_key_file exclude each other: give one");
    }
    if (!secretFile.isBlank()) {
      return new AuthSettings.JwtKey("HS256", read(secretFile).strip());
    }
    if (!publicKeyFile.isBlank()) {
      return new AuthSettings.JwtKey(s.string("security", "jwt_algorithm", "RS256"),
          read(publicKeyFile));
    }
    return null;
  }

  private static InputLimits limits(Settings s) {
    InputLimits d = InputLimits.defaults();
    return new InputLimits(
        s.integer("limits", "max_websocket_frame_bytes", d.maxWebSocketFrameBytes()),
        s.integer("limits", "max_websocket_message_bytes", d.maxWebSocketMessageBytes()),
        s.integer("limits", "max_body_bytes", d.maxBodyBytes()),
        s.integer("limits", "max_json_depth", d.maxJsonDepth()),
        s.integer("limits", "max_id_length", d.maxIdLength()),
        s.integer("limits", "max_tasks_per_accept", d.maxTasksPerAccept()),
        s.integer("limits", "max_offers_per_accept", d.maxOffersPerAccept()),
        s.duration("limits", "idle_timeout", d.idleTimeout()));
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage());
    }
  }
}
