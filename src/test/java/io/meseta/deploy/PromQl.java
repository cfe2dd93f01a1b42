package io.meseta.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough PromQL to find the metric names an expression reads. */
final class PromQl {
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING = Pattern.compile(
      "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
          "unless", "bool", "offset", "inf", "nan");

  private PromQl() {}

  /**
   * The metric names in {@code expression}: identifiers that are not functions (followed by a
   * parenthesis), label names (inside braces or grouping clauses), strings, ranges or keywords.
   */
  static Set<String> metricNames(String expression) {
    String bare = STRING.matcher(expression).replaceAll(" ");
    bare = MATCHERS.matcher(bare).replaceAll(" ");
    bare = RANGE.matcher(bare).replaceAll(" ");
    bare = GROUPING.matcher(bare).replaceAll(" ");
    Set<String> names = new LinkedHashSet<>();
    Matcher identifier = IDENTIFIER.matcher(bare);
    while (identifier.find()) {
      String rest = bare.substring(identifier.end()).stripLeading();
      boolean function = rest.startsWith("(");
      boolean partOfNumber = identifier.start() > 0
          && Character.isDigit(bare.charAt(identifier.start() - 1));
      if (!function && !partOfNumber && !KEYWORDS.contains(identifier.group().toLowerCase())) {
        names.add(identifier.group());
      }
    }
    return names;
  }
}
