package io.meseta.acl;

import java.util.List;

/**
 * One side of an ACL rule, or of a request, as Mesos' {@code ACL.Entity}: {@code ANY}, {@code
 * NONE}, or {@code SOME} listed values. The matching and allowing rules are Mesos' own
 * ({@code LocalAuthorizer}): a request without a principal is {@code ANY}, which only an
 * {@code ANY} rule allows.
 */
public record AclEntity(Type type, List<String> values) {
  /** How an entity names what it covers. */
  public enum Type { ANY, NONE, SOME }

  public AclEntity {
    values = List.copyOf(values);
  }

  public static final AclEntity ANY = new AclEntity(Type.ANY, List.of());
  public static final AclEntity NONE = new AclEntity(Type.NONE, List.of());

  public static AclEntity some(String... values) {
    return new AclEntity(Type.SOME, List.of(values));
  }

  /** A request about one value, or about nothing in particular when it is null. */
  static AclEntity request(String value) {
    return value == null ? ANY : some(value);
  }

  /** Whether a rule with this entity applies to {@code request}. */
  boolean matches(AclEntity request) {
    return switch (request.type) {
      case NONE -> type == Type.NONE;
      case ANY -> type == Type.ANY || type == Type.NONE;
      case SOME -> type != Type.SOME || values.containsAll(request.values);
    };
  }

  /** Whether this entity, in the first rule that applies, lets {@code request} through. */
  boolean allows(AclEntity request) {
    return switch (request.type) {
      case NONE, ANY -> type == Type.ANY;
      case SOME -> type == Type.ANY || (type == Type.SOME && values.containsAll(request.values));
    };
  }

  @Override
  public String toString() {
    return type == Type.SOME ? String.join(",", values) : type.name();
  }
}
