package dev.berth.cli.flags;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Columns of text laid out as the CLI's help always has been (picocli's layout, kept so help
 * output stays the same): a value too wide for its column either spans into the next columns or
 * wraps onto new rows at line-break opportunities, wrapped lines indented.
 */
final class TextTable {
  enum Overflow { TRUNCATE, SPAN, WRAP }

  record Column(int width, int indent, Overflow overflow) {}

  /** One cell: what has been written so far, at most {@code max} characters. */
  private static final class Cell {
    final int max;
    final StringBuilder text = new StringBuilder();

    Cell(int max) {
      this.max = max;
    }
  }

  private final Column[] columns;
  private final int[] indents;
  private final List<Cell> cells = new ArrayList<>();
  int indentWrappedLines = 2;

  TextTable(Column... columns) {
    this.columns = columns;
    this.indents = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      indents[i] = columns[i].indent();
    }
  }

  /** The option table: marker, short name, comma, long names, description. */
  static TextTable forOptions(int longWidth, int width) {
    return new TextTable(new Column(2, 0, Overflow.TRUNCATE), new Column(2, 0, Overflow.SPAN),
        new Column(1, 0, Overflow.TRUNCATE), new Column(longWidth, 1, Overflow.SPAN),
        new Column(width - 5 - longWidth, 1, Overflow.WRAP));
  }

  private int rows() {
    return cells.size() / columns.length;
  }

  private void addEmptyRow() {
    for (Column c : columns) {
      cells.add(new Cell(c.width()));
    }
  }

  /** Adds one row; values with line breaks become several rows. */
  void addRow(String... values) {
    String[][] lines = new String[values.length][];
    int max = 0;
    for (int c = 0; c < values.length; c++) {
      lines[c] = values[c] == null ? new String[] {""} : values[c].split("\r\n|\r|\n", -1);
      max = Math.max(max, lines[c].length);
    }
    for (int r = 0; r < max; r++) {
      String[] row = new String[values.length];
      for (int c = 0; c < values.length; c++) {
        row[c] = r < lines[c].length ? lines[c][r] : "";
      }
      addRowValues(row);
    }
  }

  private void addRowValues(String[] values) {
    addEmptyRow();
    int old = columns.length > 3 ? indents[3] : 0;
    if (columns.length > 3 && "=".equals(values[2])) {
      indents[3] = 0;
    }
    for (int col = 0; col < values.length; col++) {
      int row = rows() - 1;
      int[] at = put(row, col, values[col]);
      if ((at[0] != row || at[1] != col) && col != values.length - 1) {
        addEmptyRow();
      }
    }
    if (columns.length > 3) {
      indents[3] = old;
    }
  }

  private Cell at(int row, int col) {
    return cells.get(col + row * columns.length);
  }

  /** Writes {@code value} at (row, col); returns the {row, col} last written. */
  private int[] put(int row, int col, String value) {
    if (value.isEmpty()) {
      return new int[] {row, col};
    }
    Column column = columns[col];
    int indent = indents[col];
    switch (column.overflow()) {
      case TRUNCATE -> {
        copy(value, at(row, col), indent);
        return new int[] {row, col};
      }
      case SPAN -> {
        int start = col;
        do {
          boolean last = col == columns.length - 1;
          int written = last ? copyWords(value, at(row, col), indent)
              : copy(value, at(row, col), indent);
          value = value.substring(written);
          indent = 0;
          if (!value.isEmpty()) {
            ++col;
          }
          if (!value.isEmpty() && col >= columns.length) {
            addEmptyRow();
            row++;
            col = start;
            indent = indents[start] + indentWrappedLines;
          }
        } while (!value.isEmpty());
        return new int[] {row, col};
      }
      default -> {
        do {
          int written = copyWords(value, at(row, col), indent);
          value = value.substring(written);
          indent = indents[col] + indentWrappedLines;
          if (!value.isEmpty()) {
            ++row;
            addEmptyRow();
          }
        } while (!value.isEmpty());
        return new int[] {row, col};
      }
    }
  }

  /** Copies as many whole words as fit; a single word too wide is cut. */
  private static int copyWords(String text, Cell cell, int offset) {
    BreakIterator line = BreakIterator.getLineInstance();
    // no line break after '-': options and ranges stay whole
    line.setText(text.replace('-', '\u00ff'));
    int count = 0;
    for (int start = line.first(), end = line.next(); end != BreakIterator.DONE;
        start = end, end = line.next()) {
      String word = text.substring(start, end);
      if (cell.max >= offset + count + word.length()) {
        count += copy(word, cell, offset + count);
      } else {
        break;
      }
    }
    if (count == 0 && text.length() + offset > cell.max) {
      count += copy(text, cell, offset);
    }
    return count;
  }

  private static int copy(String value, Cell cell, int offset) {
    int length = Math.min(value.length(), cell.max - offset);
    while (cell.text.length() < offset) {
      cell.text.append(' ');
    }
    cell.text.append(value, 0, Math.max(0, length));
    return Math.max(0, length);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      row.append(c.text);
      int pad = columns[i % columns.length].width() - c.text.length();
      row.append(" ".repeat(Math.max(0, pad)));
      if (i % columns.length == columns.length - 1) {
        int end = row.length();
        while (end > 0 && row.charAt(end - 1) == ' ') {
          end--;
        }
        out.append(row, 0, end).append('\n');
        row.setLength(0);
      }
    }
    return out.toString();
  }
}
