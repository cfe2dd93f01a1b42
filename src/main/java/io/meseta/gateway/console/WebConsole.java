package io.meseta.gateway.console;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/** Mounts the web console on a gateway's router. */
public final class WebConsole {
  private WebConsole() {}

  /**
   * Call after every API route is mounted: the static handler answers only GETs of files that
   * exist under {@code webroot/} and passes everything else on.
   */
  public static void mount(Vertx vertx, Router router) {
    mount(vertx, router, io.meseta.tls.TlsSettings.OFF);
  }

  /** @param tls the master's; with TLS, agents' files are fetched over https */
  public static void mount(Vertx vertx, Router router, io.meseta.tls.TlsSettings tls) {
    new AgentFilesProxy(vertx, tls).mount(router);
    router.get("/*").handler(StaticHandler.create("webroot")
        // the console is small and changes with the jar; no stale module after an upgrade
        .setCachingEnabled(false)
        .setDirectoryListing(false));
  }
}
