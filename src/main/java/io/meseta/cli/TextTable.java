package io.meseta.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** A table for a terminal: rows of cells, each column as wide as its widest cell. */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  /** A table whose first row is {@code header}. */
  TextTable(String... header) {
    this.columns = header.length;
    rows.add(header);
  }

  private TextTable(int columns) {
    this.columns = columns;
  }

  /** A table of rows only, such as name/value pairs. */
  static TextTable withoutHeader(int columns) {
    return new TextTable(columns);
  }

  TextTable row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalStateException("a row of " + cells.length + " cells in a table of "
          + columns + " columns");
    }
    String[] text = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      text[i] = String.valueOf(cells[i]);
    }
    rows.add(text);
    return this;
  }

  void print(PrintStream out) {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.println(line);
    }
  }

  /** {@code 2} not {@code 2.0}, {@code 0.25} as is: scalars as an operator would write them. */
  static String number(double value) {
    // Three decimals, as Mesos' fixed-point scalars: 0.1 + 0.2 prints as 0.3.
    return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  /** {@code used/total}, e.g. {@code 0.5/2}. */
  static String usedOfTotal(double used, double total) {
    return number(used) + "/" + number(total);
  }
}
