package io.meseta.gateway.security;

import io.vertx.core.http.HttpMethod;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which kind of client a request path serves, and so which authentication flag guards it.
 * Everything not named public is guarded: a new endpoint is protected until someone decides
 * otherwise.
 */
enum Surface {
  /** Health, leader redirect and the console's static files: nothing about the cluster. */
  PUBLIC,
  /** The agents' WebSocket ({@code --authenticate-agents}). */
  AGENT,
  /** Frameworks and operators: scheduler, operator, jobs, metrics, state ({@code --authenticate}). */
  CLIENT;

  private static final Set<String> PUBLIC_PATHS =
      Set.of("/health", "/master/health", "/redirect", "/master/redirect", "/", "/index.html");

  /**
   * The console's HTML, scripts and styles are the same bytes in every jar and say nothing of the
   * cluster; its data comes from guarded endpoints, whose 401 makes the browser ask for a login.
   * Only the shapes of its files (top level, and scripts under js/) are public, so that no API
   * path can ever pass for one.
   */
  private static final Pattern CONSOLE_ASSET =
      Pattern.compile("/[A-Za-z0-9_-]+\\.(html|css|png|svg|ico)|/js/[A-Za-z0-9_-]+\\.m?js");

  static Surface of(HttpMethod method, String path) {
    if (path.equals("/api/v1/agent/ws")) {
      return AGENT;
    }
    boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
    if (PUBLIC_PATHS.contains(path)
        || (read && CONSOLE_ASSET.matcher(path).matches())) {
      return PUBLIC;
    }
    return CLIENT;
  }
}
