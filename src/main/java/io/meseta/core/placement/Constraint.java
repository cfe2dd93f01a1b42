package io.meseta.core.placement;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** A hard rule on an agent attribute (or {@code hostname}), e.g. {@code rack EQUALS r1}. */
public record Constraint(String attribute, Operator operator, String value)
    implements java.io.Serializable {

  /** Attribute pseudo-name that matches the agent's hostname. */
  public static final String HOSTNAME = "hostname";

  public enum Operator {
    EQUALS, NOT_EQUALS, EXISTS, NOT_EXISTS, MATCHES;

    /** Parses an operator name; the error lists the valid ones. */
    public static Operator parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("unknown constraint operator '" + name + "'; use one of "
            + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
      }
    }
  }

  public Constraint {
    Objects.requireNonNull(operator, "operator");
    if (attribute == null || attribute.isBlank()) {
      throw new IllegalArgumentException("a constraint needs an attribute name");
    }
    boolean needsValue = operator != Operator.EXISTS && operator != Operator.NOT_EXISTS;
    if (needsValue && value == null) {
      throw new IllegalArgumentException("constraint on '" + attribute + "' with " + operator
          + " needs a value");
    }
    if (operator == Operator.MATCHES) {
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("constraint on '" + attribute
            + "' has an invalid regular expression: " + e.getDescription());
      }
    }
  }

  boolean test(String actual) {
    return switch (operator) {
      case EXISTS -> actual != null;
      case NOT_EXISTS -> actual == null;
      case EQUALS -> value.equals(actual);
      case NOT_EQUALS -> !value.equals(actual);
      case MATCHES -> actual != null && actual.matches(value);
    };
  }
}
