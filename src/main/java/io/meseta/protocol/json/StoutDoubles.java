package io.meseta.protocol.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles the way Mesos' stout JSON writer does: {@code printf("%#.15g")}, then trailing
 * zeros trimmed while keeping one digit after the point ({@code 15.0}, {@code 7.9}, {@code 0.3}
 * for {@code 0.1 + 0.2}). Clients compare these texts, so the 15 significant digits matter.
 */
final class StoutDoubles {
  /** {@code std::numeric_limits<double>::digits10}. */
  private static final int PRECISION = 15;

  private static final MathContext ROUNDING = new MathContext(PRECISION, RoundingMode.HALF_EVEN);

  private StoutDoubles() {}

  /**
   * Returns the JSON number text, or {@code null} for infinities and NaN: stout would print
   * {@code inf}, which is not JSON, so the caller writes them as the strings the parser accepts.
   */
  static String format(double value) {
    if (!Double.isFinite(value)) {
      return null;
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    // new BigDecimal(double) is the exact binary value, and glibc rounds that exact value
    // half-to-even, so this reproduces its digits.
    BigDecimal rounded = new BigDecimal(value).round(ROUNDING);
    int exponent = rounded.precision() - rounded.scale() - 1;
    BigDecimal trimmed = rounded.stripTrailingZeros();
    if (exponent >= -4 && exponent < PRECISION) {
      String plain = trimmed.toPlainString();
      return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
    return scientific(trimmed, exponent);
  }

  /**
   * %g's exponent form. stout trims zeros off the whole text here too, which turns "1e+20" into
   * "1e+2"; we trim only the mantissa so the number keeps its value.
   */
  private static String scientific(BigDecimal trimmed, int exponent) {
    String digits = trimmed.unscaledValue().abs().toString();
    StringBuilder out = new StringBuilder(24);
    if (trimmed.signum() < 0) {
      out.append('-');
    }
    out.append(digits.charAt(0)).append('.');
    out.append(digits.length() > 1 ? digits.substring(1) : "0");
    out.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    if (magnitude < 10) {
      out.append('0');
    }
    return out.append(magnitude).toString();
  }
}
