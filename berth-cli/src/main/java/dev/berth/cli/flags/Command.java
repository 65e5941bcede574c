package dev.berth.cli.flags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One command of the tree ({@code berth}, {@code berth network}, {@code berth network ls}):
 * names, help text, flags, where positional arguments go, and its subcommands, made only when
 * asked for (each costs start-up time).
 */
public final class Command {
  private String name;
  private final List<String> aliases = new ArrayList<>();
  private String synopsis = "[OPTIONS]";
  private final List<String> description = new ArrayList<>();
  final List<Flag> flags = new ArrayList<>();
  Consumer<String> positionals;
  String positionalLabel;
  boolean stopAtPositional;
  boolean raw;
  private Command parent;
  final Map<String, Entry> subcommands = new LinkedHashMap<>();
  final Declared code;

  /** A subcommand not made yet: its names and one-line description for help. */
  static final class Entry {
    final String name;
    final List<String> aliases;
    final Supplier<Command> make;
    Command made;

    Entry(String name, List<String> aliases, Supplier<Command> make) {
      this.name = name;
      this.aliases = aliases;
      this.make = make;
    }

    Command get() {
      if (made == null) {
        made = make.get();
      }
      return made;
    }
  }

  private Command(String name, Declared code) {
    this.name = name;
    this.code = code;
  }

  /** The command {@code code} declares, named {@code name} (the declaration may rename it). */
  public static Command of(String name, Declared code) {
    Command c = new Command(name, code);
    code.declare(c);
    if (name != null) {
      c.name = name;
    }
    return c;
  }

  public Command name(String name) {
    if (this.name == null) {
      this.name = name;
    }
    return this;
  }

  public Command synopsis(String synopsis) {
    this.synopsis = synopsis;
    return this;
  }

  public Command description(String... lines) {
    description.clear();
    description.addAll(List.of(lines));
    return this;
  }

  public Command add(Flag flag) {
    flags.add(flag);
    return this;
  }

  /** Positional arguments go to {@code sink}; they are not shown in help. */
  public Command positionals(Consumer<String> sink) {
    this.positionals = sink;
    return this;
  }

  /** Positional arguments go to {@code sink} and are listed in help under {@code label}. */
  public Command positionals(String label, Consumer<String> sink) {
    this.positionalLabel = label;
    this.positionals = sink;
    return this;
  }

  /** Every argument after the command's name goes to {@code sink} unparsed, --help included. */
  public Command rawArguments(Consumer<String> sink) {
    this.positionals = sink;
    this.raw = true;
    return this;
  }

  /** Flags end at the first positional argument: the rest is the command's own argv. */
  public Command stopAtPositional() {
    this.stopAtPositional = true;
    return this;
  }

  /** Adds a subcommand, made when it is used or its help is shown. */
  public Command sub(String name, Supplier<? extends Declared> code, String... aliases) {
    Supplier<Command> make = () -> {
      Command c = Command.of(name, code.get());
      c.aliases.addAll(List.of(aliases));
      c.parent = this;
      return c;
    };
    subcommands.put(name, new Entry(name, List.of(aliases), make));
    return this;
  }

  /** Adds a subcommand already made. */
  public Command sub(Command c, String... aliases) {
    c.parent = this;
    c.aliases.addAll(List.of(aliases));
    Entry e = new Entry(c.name, List.of(aliases), () -> c);
    e.made = c;
    subcommands.put(c.name, e);
    return this;
  }

  public boolean hasSub(String name) {
    return subcommands.containsKey(name);
  }

  /** The subcommand named (or aliased) {@code word}, made now; null when there is none. */
  public Command findSub(String word) {
    Entry e = subcommands.get(word);
    if (e == null) {
      for (Entry x : subcommands.values()) {
        if (x.aliases.contains(word)) {
          e = x;
          break;
        }
      }
    }
    return e == null ? null : e.get();
  }

  public String name() {
    return name;
  }

  public List<String> aliases() {
    return aliases;
  }

  public Command parent() {
    return parent;
  }

  public String synopsis() {
    return synopsis;
  }

  List<String> descriptionLines() {
    return description;
  }

  /** "berth network ls". */
  public String qualifiedName() {
    return parent == null ? name : parent.qualifiedName() + " " + name;
  }

  /** "Usage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]". */
  public String usageLine() {
    return "Usage:  " + qualifiedName() + " " + synopsis;
  }

  /** The whole --help text. */
  public String usage() {
    return Help.usage(this);
  }

  public Declared code() {
    return code;
  }

  Flag flag(String name) {
    for (Flag f : flags) {
      for (String n : f.names) {
        if (n.equals(name)) {
          return f;
        }
      }
    }
    return null;
  }
}
