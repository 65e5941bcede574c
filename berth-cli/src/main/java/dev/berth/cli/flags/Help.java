package dev.berth.cli.flags;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A command's --help text: docker's usage line, the description, the flags sorted by their
 * shortest name, then the subcommands, laid out at 80 columns as the CLI always printed them.
 */
final class Help {
  private static final int WIDTH = 80;
  /** Long names wider than this do not widen the column; they span into the description. */
  private static final int LONG_MAX = 20;

  private Help() {}

  static String usage(Command c) {
    StringBuilder out = new StringBuilder();
    out.append(c.usageLine()).append("\n\n");
    TextTable description = new TextTable(new TextTable.Column(WIDTH, 0, TextTable.Overflow.WRAP));
    description.indentWrappedLines = 0;
    for (String line : c.descriptionLines()) {
      description.addRow(line);
    }
    out.append(description);
    List<Flag> shown = new ArrayList<>();
    for (Flag f : c.flags) {
      if (!f.hidden) {
        shown.add(f);
      }
    }
    shown.sort(BY_SHORTEST_NAME);
    int width = 0;
    for (Flag f : shown) {
      int len = longText(f).length();
      if (len < LONG_MAX + 1) {
        width = Math.max(width, len);
      }
    }
    if (c.positionalLabel != null && c.positionalLabel.length() < LONG_MAX + 1) {
      width = Math.max(width, c.positionalLabel.length());
    }
    width += 3;
    if (c.positionalLabel != null) {
      TextTable params = TextTable.forOptions(width, WIDTH);
      params.addRow("", "", "", c.positionalLabel, "");
      out.append(params);
    }
    out.append("\nOptions:\n");
    TextTable options = TextTable.forOptions(width, WIDTH);
    for (Flag f : shown) {
      String[] names = shortestFirst(f.names);
      boolean hasShort = names[0].length() == 2;
      String sep = hasShort && names.length > 1 ? "," : "";
      options.addRow("", hasShort ? names[0] : "", sep, longText(f), f.description);
    }
    out.append(options);
    if (!c.subcommands.isEmpty()) {
      out.append("\nCommands:\n");
      out.append(commandList(c));
    }
    return out.toString();
  }

  private static String commandList(Command c) {
    List<String> names = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    int max = 0;
    for (Command.Entry e : c.subcommands.values()) {
      Command sub = e.get();
      String key = sub.name();
      for (String a : sub.aliases()) {
        key += ", " + a;
      }
      names.add(key);
      List<String> d = sub.descriptionLines();
      lines.add(d.isEmpty() ? "" : d.get(0));
      max = Math.max(max, key.length());
    }
    int nameWidth = Math.min(max, WIDTH / 2);
    TextTable table = new TextTable(
        new TextTable.Column(nameWidth + 2, 2, TextTable.Overflow.SPAN),
        new TextTable.Column(WIDTH - (nameWidth + 2), 2, TextTable.Overflow.WRAP));
    for (int i = 0; i < names.size(); i++) {
      String[] split = lines.get(i).split("\r\n|\r|\n", -1);
      for (int j = 0; j < split.length; j++) {
        table.addRow(j == 0 ? names.get(i) : "", split[j]);
      }
    }
    return table.toString();
  }

  /** "--env=list", "--ipv4[=bool]", "--subnet=strings[,strings...]". */
  private static String longText(Flag f) {
    String[] names = shortestFirst(f.names);
    int skip = names[0].length() == 2 ? 1 : 0;
    String longNames = String.join(", ", java.util.Arrays.copyOfRange(names, skip, names.length));
    String label = switch (f.kind) {
      case SWITCH -> "";
      case OPTIONAL -> "[=" + f.label + "]";
      case VALUE -> f.split ? "=" + f.label + "[," + f.label + "...]" : "=" + f.label;
    };
    if (!label.isEmpty() && longNames.isEmpty()) {
      // a short name alone: the label follows it after a space
      label = label.startsWith("[=") ? "[" + label.substring(2) : label.substring(1);
      return " " + label;
    }
    return longNames + label;
  }

  private static String[] shortestFirst(String[] names) {
    String[] sorted = names.clone();
    java.util.Arrays.sort(sorted, Comparator.comparingInt(String::length));
    return sorted;
  }

  private static String strip(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (Character.isJavaIdentifierPart(name.charAt(i))) {
        return name.substring(i);
      }
    }
    return name;
  }

  private static final Comparator<Flag> BY_SHORTEST_NAME = (a, b) -> {
    String s1 = strip(shortestFirst(a.names)[0]);
    String s2 = strip(shortestFirst(b.names)[0]);
    int r = s1.toUpperCase().compareTo(s2.toUpperCase());
    return r == 0 ? -s1.compareTo(s2) : r;
  };
}
