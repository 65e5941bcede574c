package dev.berth.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-terminated cells into columns with the elastic tabstops rules of Go's
 * text/tabwriter, configured as docker's tables are: minimum width 10, padding 3, spaces. A
 * column is a run of contiguous lines that have a cell at that index; the last cell of a line
 * is not part of any column and is never padded.
 */
public final class TabWriter {
  private record Cell(String text, int width, boolean tab) {}

  private final int minWidth;
  private final int padding;
  private final List<List<Cell>> lines = new ArrayList<>();
  private final List<Integer> widths = new ArrayList<>();
  private final StringBuilder out = new StringBuilder();

  public TabWriter(int minWidth, int padding) {
    this.minWidth = minWidth;
    this.padding = padding;
  }

  /** Docker's table settings. */
  public static String align(String text) {
    return new TabWriter(10, 3).format(text);
  }

  public String format(String text) {
    lines.clear();
    out.setLength(0);
    List<Cell> line = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t' || c == '\n') {
        String cell = text.substring(start, i);
        line.add(new Cell(cell, width(cell), c == '\t'));
        start = i + 1;
        if (c == '\n') {
          lines.add(line);
          line = new ArrayList<>();
        }
      }
    }
    if (start < text.length()) {
      String cell = text.substring(start);
      line.add(new Cell(cell, width(cell), false));
    }
    lines.add(line);
    format(0, lines.size());
    return out.toString();
  }

  private void format(int line0, int line1) {
    int column = widths.size();
    for (int at = line0; at < line1; at++) {
      if (column >= lines.get(at).size() - 1) {
        continue;
      }
      // a column block starts here: print the lines before it, then size it
      writeLines(line0, at);
      line0 = at;
      int width = minWidth;
      for (; at < line1; at++) {
        List<Cell> line = lines.get(at);
        if (column >= line.size() - 1) {
          break;
        }
        width = Math.max(width, line.get(column).width() + padding);
      }
      widths.add(width);
      format(line0, at);
      widths.removeLast();
      line0 = at;
    }
    writeLines(line0, line1);
  }

  private void writeLines(int line0, int line1) {
    for (int i = line0; i < line1; i++) {
      List<Cell> line = lines.get(i);
      for (int j = 0; j < line.size(); j++) {
        Cell c = line.get(j);
        out.append(c.text());
        if (j < widths.size()) {
          out.append(" ".repeat(Math.max(0, widths.get(j) - c.width())));
        }
      }
      if (i + 1 < lines.size()) {
        out.append('\n');
      }
    }
  }

  /** Display width: East Asian wide characters take two columns, as go-runewidth counts. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
        continue;
      }
      w += isWide(cp) ? 2 : 1;
    }
    return w;
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
        || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
        || (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
  }
}
