package io.meseta.gateway;

/** Meseta's own version, from the jar manifest when there is one. */
public final class Version {
  private Version() {}

  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
