package dev.berth.image.change;

import dev.berth.error.BerthException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builder flags: the {@code --name=value} words at the start of an instruction's arguments.
 * Docker takes them off every instruction, so {@code CMD --help} fails with "Unknown flag" there
 * too; only {@code HEALTHCHECK} declares any among the change commands.
 */
final class Flags {
  private Flags() {}

  /** Moves the leading flag words (quotes removed) into {@code out}; returns the rest. */
  static String extract(String line, List<String> out) {
    int pos = 0;
    int n = line.length();
    while (true) {
      while (pos < n && Character.isWhitespace(line.charAt(pos))) {
        pos++;
      }
      if (pos + 1 >= n || line.charAt(pos) != '-' || line.charAt(pos + 1) != '-') {
        return line.substring(pos);
      }
      var word = new StringBuilder();
      char quote = 0;
      int start = pos;
      for (; pos < n; pos++) {
        char ch = line.charAt(pos);
        if (quote == 0 && Character.isWhitespace(ch)) {
          break;
        }
        if (quote == 0 && (ch == '"' || ch == '\'')) {
          quote = ch;
        } else if (quote != 0 && ch == quote) {
          quote = 0;
        } else if (ch == '\\' && pos + 1 < n) {
          word.append(line.charAt(++pos));
        } else if (ch != '\\') {
          word.append(ch);
        }
      }
      // A lone "--" ends the flags and is dropped, as in Docker.
      if (line.substring(start, pos).equals("--")) {
        return line.substring(pos).stripLeading();
      }
      out.add(word.toString());
    }
  }

  /** The flags as name to value; every flag must be known and carry a value. */
  static Map<String, String> parse(Instruction in, Set<String> known) {
    var values = new LinkedHashMap<String, String>();
    for (String flag : in.flags()) {
      String body = flag.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      if (!known.contains(name)) {
        throw BerthException.invalid("Unknown flag: " + name);
      }
      if (eq < 0) {
        throw BerthException.invalid("Missing a value on flag: " + name);
      }
      if (values.putIfAbsent(name, body.substring(eq + 1)) != null) {
        throw BerthException.invalid("Duplicate flag specified: " + name);
      }
    }
    return values;
  }
}
