package dev.berth.image.change;

import dev.berth.error.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits {@code --change} values into instructions. Docker joins the values with newlines and
 * parses the result as a Dockerfile, so the same line rules hold: blank lines and {@code #}
 * comment lines are skipped, a trailing backslash continues the instruction on the next line,
 * and one value may hold several lines. Parser directives ({@code # escape=}) and heredocs are
 * not supported: the escape character is always the backslash.
 */
final class ChangeLines {
  private static final Pattern CONTINUATION = Pattern.compile("\\\\[ \\t]*$");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private ChangeLines() {}

  static List<Instruction> parse(List<String> changes) {
    var lines = new ArrayList<String>();
    for (int i = 0; i < changes.size(); i++) {
      String change = changes.get(i);
      if (change == null) {
        throw BerthException.invalid("change " + i + " is null");
      }
      lines.addAll(change.lines().toList());
    }
    var out = new ArrayList<Instruction>();
    for (int i = 0; i < lines.size(); i++) {
      String first = lines.get(i).stripLeading();
      if (first.startsWith("#")) {
        continue;
      }
      var line = new StringBuilder();
      boolean more = continues(first);
      line.append(more ? trimContinuation(first) : first);
      // Continuation lines keep their leading blanks; comments and blank lines in between go.
      while (more && i + 1 < lines.size()) {
        String next = lines.get(++i);
        if (next.stripLeading().startsWith("#") || next.isBlank()) {
          continue;
        }
        more = continues(next);
        line.append(more ? trimContinuation(next) : next);
      }
      String text = line.toString().strip();
      if (!text.isEmpty()) {
        out.add(split(text));
      }
    }
    return out;
  }

  private static boolean continues(String line) {
    return CONTINUATION.matcher(line).find();
  }

  private static String trimContinuation(String line) {
    return CONTINUATION.matcher(line).replaceFirst("");
  }

  private static Instruction split(String line) {
    String[] parts = WHITESPACE.split(line, 2);
    String rest = parts.length == 2 ? parts[1] : "";
    var flags = new ArrayList<String>();
    String args = Flags.extract(rest, flags);
    return new Instruction(parts[0], flags, args, line);
  }
}
