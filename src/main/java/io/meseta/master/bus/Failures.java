package io.meseta.master.bus;

/**
 * Failure codes of event-bus replies, named after the HTTP status a Mesos master would answer
 * with, so the gateway can map them to either transport without guessing.
 */
public final class Failures {
  public static final int BAD_REQUEST = 400;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int NOT_IMPLEMENTED = 501;
  /** The leader could not persist a change (e.g. it was deposed); retry on the new leader. */
  public static final int SERVICE_UNAVAILABLE = 503;

  private Failures() {}
}
