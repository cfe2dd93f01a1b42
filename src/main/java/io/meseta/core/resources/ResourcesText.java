package io.meseta.core.resources;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Mesos text form of resources, as agents take it in {@code --resources}:
 * {@code name[(role)]:value} entries separated by ';', where a value is a decimal scalar
 * ("4", "0.5"), ranges ("[31000-32000,33000-33010]") or a set ("{sda,sdb}"). Whitespace around
 * every token is ignored, and so are empty entries (a trailing ';').
 */
final class ResourcesText {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NOT_FINITE =
      Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
  private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*-\\s*(\\d+)");

  private ResourcesText() {}

  /** Parses each entry; repeated keys are left for {@link Resources#of} to combine. */
  static List<Resource> parse(String text) {
    Objects.requireNonNull(text, "resources text");
    List<Resource> parsed = new ArrayList<>();
    for (String token : text.split(";")) {
      String entry = token.trim();
      if (!entry.isEmpty()) {
        parsed.add(parseEntry(entry));
      }
    }
    return parsed;
  }

  static String format(List<Resource> entries) {
    StringBuilder text = new StringBuilder();
    for (Resource entry : entries) {
      if (text.length() > 0) {
        text.append(';');
      }
      text.append(entry.name());
      if (!entry.role().equals(Resource.UNRESERVED)) {
        text.append('(').append(entry.role()).append(')');
      }
      text.append(':');
      appendValue(text, entry);
    }
    return text.toString();
  }

  private static void appendValue(StringBuilder text, Resource entry) {
    if (entry instanceof Resource.Scalar s) {
      text.append(ResourceRules.formatMillis(s.millis()));
    } else if (entry instanceof Resource.Ranges r) {
      text.append('[');
      for (int i = 0; i < r.ranges().size(); i++) {
        Range range = r.ranges().get(i);
        text.append(i == 0 ? "" : ",").append(range.begin()).append('-').append(range.end());
      }
      text.append(']');
    } else {
      text.append('{').append(String.join(",", ((Resource.Set) entry).items())).append('}');
    }
  }

  private static Resource parseEntry(String entry) {
    int colon = entry.indexOf(':');
    if (colon < 0) {
      throw invalid(entry, "expected name:value, e.g. 'cpus:4', 'cpus(analytics):4' or"
          + " 'ports:[31000-32000]'");
    }
    String head = entry.substring(0, colon).trim();
    String value = entry.substring(colon + 1).trim();
    String name = head;
    String role = Resource.UNRESERVED;
    int open = head.indexOf('(');
    if (open >= 0) {
      if (!head.endsWith(")")) {
        throw invalid(entry, "write the role in parentheses right after the name, e.g."
            + " 'cpus(analytics):4'");
      }
      name = head.substring(0, open).trim();
      role = head.substring(open + 1, head.length() - 1).trim();
    }
    String problem = ResourceRules.nameProblem(name);
    if (problem == null) {
      problem = ResourceRules.roleProblem(role);
    }
    if (problem != null) {
      throw invalid(entry, problem);
    }
    if (value.isEmpty()) {
      throw invalid(entry, "the value is missing; write a number ('cpus:4'), ranges"
          + " ('ports:[31000-32000]') or a set ('disks:{a,b}')");
    }
    if (value.startsWith("[")) {
      return new Resource.Ranges(name, role, parseRanges(entry, value));
    }
    if (value.startsWith("{")) {
      return new Resource.Set(name, role, parseSet(entry, value));
    }
    return new Resource.Scalar(name, role, parseScalar(entry, value));
  }

  private static long parseScalar(String entry, String value) {
    if (NOT_FINITE.matcher(value).matches()) {
      throw invalid(entry, ResourceRules.NEGATIVE_SCALAR);
    }
    if (!DECIMAL.matcher(value).matches()) {
      throw invalid(entry, "'" + value + "' is not a number; write a decimal such as 4 or 0.5,"
          + " ranges in [ ] or a set in { }");
    }
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw invalid(entry, "'" + value + "' is out of range; write a decimal such as 4 or 0.5");
    }
    if (decimal.signum() < 0) {
      throw invalid(entry, ResourceRules.NEGATIVE_SCALAR);
    }
    try {
      return ResourceRules.toMillis(decimal);
    } catch (IllegalArgumentException e) {
      throw invalid(entry, e.getMessage());
    }
  }

  private static List<Range> parseRanges(String entry, String value) {
    if (!value.endsWith("]")) {
      throw invalid(entry, "ranges must end with ']', e.g. 'ports:[31000-32000]'");
    }
    String inner = value.substring(1, value.length() - 1).trim();
    List<Range> ranges = new ArrayList<>();
    if (inner.isEmpty()) {
      return ranges;
    }
    for (String piece : inner.split(",", -1)) {
      Matcher m = RANGE.matcher(piece.trim());
      if (!m.matches()) {
        throw invalid(entry, "'" + piece.trim() + "' is not a range; write ranges as"
            + " begin-end separated by commas, e.g. [1-5,10-20]");
      }
      long begin = parseBound(entry, m.group(1));
      long end = parseBound(entry, m.group(2));
      if (begin > end) {
        throw invalid(entry, "range " + begin + "-" + end + " has begin greater than end;"
            + " write it as " + end + "-" + begin);
      }
      ranges.add(new Range(begin, end));
    }
    return ranges;
  }

  private static long parseBound(String entry, String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw invalid(entry, "range bound " + digits + " is too large; the largest is "
          + Long.MAX_VALUE);
    }
  }

  private static TreeSet<String> parseSet(String entry, String value) {
    if (!value.endsWith("}")) {
      throw invalid(entry, "sets must end with '}', e.g. 'disks:{a,b}'");
    }
    String inner = value.substring(1, value.length() - 1).trim();
    TreeSet<String> items = new TreeSet<>();
    if (inner.isEmpty()) {
      return items;
    }
    for (String piece : inner.split(",", -1)) {
      String item = piece.trim();
      String problem = ResourceRules.itemProblem(item);
      if (problem != null) {
        throw invalid(entry, problem + "; write sets as {a,b}");
      }
      items.add(item);
    }
    return items;
  }

  private static IllegalArgumentException invalid(String entry, String reason) {
    return new IllegalArgumentException("invalid resource '" + entry + "': " + reason);
  }
}
