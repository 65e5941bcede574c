package dev.berth.image.change;

import java.util.List;
import java.util.Locale;

/**
 * One instruction of a change script: the keyword as written, the leading {@code --flags}
 * (quotes removed), the arguments after them and the whole line (for {@code ONBUILD}).
 */
record Instruction(String keyword, List<String> flags, String args, String original) {
  Instruction {
    flags = List.copyOf(flags);
  }

  /** Docker matches keywords case-insensitively and reports them in lower case. */
  String name() {
    return keyword.toLowerCase(Locale.ROOT);
  }

  /** The keyword in upper case, as Docker's argument errors name it. */
  String upper() {
    return keyword.toUpperCase(Locale.ROOT);
  }
}
