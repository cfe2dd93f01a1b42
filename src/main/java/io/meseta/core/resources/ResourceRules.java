package io.meseta.core.resources;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Validation rules and fixed-point conversion shared by the records, the text parser and the
 * protobuf codec. Each check returns a reason phrase (or null when the value is fine) so that
 * every caller can prefix it with its own context ("invalid resource 'cpus:-1': ...").
 */
final class ResourceRules {
  static final String UNRESERVED = "*";

  /** Characters that would break the text form "name(role):value;..." if let into a name. */
  private static final String NAME_SYNTAX_CHARS = "()[]{};:";
  /** Set items sit between '{', ',' and '}' in the text form. */
  private static final String ITEM_SYNTAX_CHARS = "{},;";
  private static final long MAX_MILLIS = Long.MAX_VALUE;
  private static final BigDecimal MAX_VALUE = BigDecimal.valueOf(MAX_MILLIS, 3);
  private static final BigDecimal HALF_MILLI = new BigDecimal("0.0005");
  static final String NEGATIVE_SCALAR = "scalar values must be finite and non-negative";

  private ResourceRules() {}

  static String nameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "the name is empty; give every resource a name, e.g. 'cpus:4'";
    }
    if (containsAny(name, NAME_SYNTAX_CHARS) || hasWhitespace(name)) {
      return "name '" + name + "' must not contain whitespace or any of " + NAME_SYNTAX_CHARS
          + "; use a name such as 'cpus' or 'gpus_a100'";
    }
    return null;
  }

  /**
   * Mesos role rules ({@code roles::validate}), plus the characters our text form needs. A role
   * may be hierarchical ("eng/backend"); each '/' segment is checked on its own.
   */
  static String roleProblem(String role) {
    if (role == null || role.isEmpty()) {
      return "the role is empty; omit the parentheses for unreserved resources or name a role";
    }
    if (role.equals(UNRESERVED)) {
      return null;
    }
    if (hasWhitespace(role) || containsAny(role, NAME_SYNTAX_CHARS)) {
      return "role '" + role + "' must not contain whitespace or any of " + NAME_SYNTAX_CHARS;
    }
    for (String segment : role.split("/", -1)) {
      if (segment.isEmpty()) {
        return "role '" + role + "' has an empty segment; separate role levels with a single '/'"
            + " and do not start or end with '/'";
      }
      if (segment.equals(".") || segment.equals("..") || segment.equals(UNRESERVED)) {
        return "role '" + role + "' uses the reserved name '" + segment + "'; choose another role"
            + " name ('*' alone means unreserved)";
      }
      if (segment.startsWith("-")) {
        return "role '" + role + "' must not start a level with '-'; choose a name such as"
            + " 'analytics'";
      }
    }
    return null;
  }

  static String itemProblem(String item) {
    if (item == null || item.isEmpty()) {
      return "set items must not be empty";
    }
    if (containsAny(item, ITEM_SYNTAX_CHARS) || hasWhitespace(item)) {
      return "set item '" + item + "' must not contain whitespace or any of " + ITEM_SYNTAX_CHARS;
    }
    return null;
  }

  static void requireValid(String name, String role) {
    String problem = nameProblem(name);
    if (problem == null) {
      problem = roleProblem(role);
    }
    if (problem != null) {
      throw new IllegalArgumentException("invalid resource '" + name + "(" + role + ")': "
          + problem);
    }
  }

  /**
   * Rounds a double to thousandths, half-up like Mesos' {@code llround(value * 1000)}. Goes
   * through the shortest decimal representation (BigDecimal.valueOf) so that 0.0005 rounds to
   * 0.001 as a human reading it expects, not as its binary approximation happens to fall.
   */
  static long toMillis(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
      throw new IllegalArgumentException(NEGATIVE_SCALAR + ", got " + value);
    }
    return toMillis(BigDecimal.valueOf(value));
  }

  static long toMillis(BigDecimal value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException(NEGATIVE_SCALAR + ", got " + value);
    }
    // Compare before rescaling: rescaling "1e999999999" or "1e-999999999" would compute a
    // power of ten with a billion digits; compareTo looks at the exponents first.
    if (value.compareTo(HALF_MILLI) < 0) {
      return 0;
    }
    if (value.compareTo(MAX_VALUE) > 0) {
      throw new IllegalArgumentException("scalar value " + value.toString()
          + " is too large; the largest is " + formatMillis(MAX_MILLIS));
    }
    return value.setScale(3, RoundingMode.HALF_UP).movePointRight(3).longValueExact();
  }

  /** "4", "0.5", "0.001": the shortest text that parses back to the same thousandths. */
  static String formatMillis(long millis) {
    if (millis % 1000 == 0) {
      return Long.toString(millis / 1000);
    }
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }

  static long addMillis(String name, long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException overflow) {
      throw new IllegalArgumentException("scalar '" + name + "' overflows: "
          + formatMillis(a) + " + " + formatMillis(b) + " exceeds " + formatMillis(MAX_MILLIS));
    }
  }

  private static boolean hasWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
