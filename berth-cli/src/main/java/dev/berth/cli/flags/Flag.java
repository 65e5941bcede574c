package dev.berth.cli.flags;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One flag of a command, declared in code: its names ({@code -e}, {@code --env}), how it takes
 * a value, its help text, and where the parsed value goes. Values are converted by the setter;
 * a setter that throws makes docker's "invalid argument" error.
 */
public final class Flag {
  /** How a flag takes its value. */
  public enum Kind {
    /** {@code --rm}; {@code --rm=false} sets it explicitly. */
    SWITCH,
    /** {@code -i}, {@code -i=false}, {@code -i false}: a boolean whose value is optional. */
    OPTIONAL,
    /** {@code -e VALUE}, {@code -eVALUE}, {@code --env=VALUE}. */
    VALUE
  }

  /** Takes one raw value; throws to reject it (the message is the reason shown). */
  @FunctionalInterface
  public interface Setter {
    void set(String raw) throws Exception;
  }

  final String[] names;
  final Kind kind;
  String label = "";
  String description = "";
  boolean hidden;
  boolean split;
  boolean repeatable;
  Setter setter = v -> { };

  private Flag(Kind kind, String... names) {
    this.kind = kind;
    this.names = names;
  }

  /** A boolean that is true when present. */
  public static Flag bool(String... names) {
    return new Flag(Kind.SWITCH, names);
  }

  /** A boolean that is true when present and may be given a value ({@code -t=false}). */
  public static Flag optionalBool(String... names) {
    return new Flag(Kind.OPTIONAL, names);
  }

  /** A flag that needs a value. */
  public static Flag value(String... names) {
    return new Flag(Kind.VALUE, names);
  }

  /** The value's name in help ({@code --env=list}). */
  public Flag label(String label) {
    this.label = label;
    return this;
  }

  public Flag describe(String description) {
    this.description = description;
    return this;
  }

  public Flag hide() {
    this.hidden = true;
    return this;
  }

  /** Each value is split at commas into several. */
  public Flag split() {
    this.split = true;
    return this;
  }

  public Flag to(Consumer<String> sink) {
    this.setter = sink::accept;
    return this;
  }

  /** A list: each use adds a value. */
  public Flag each(Consumer<String> sink) {
    this.repeatable = true;
    this.setter = sink::accept;
    return this;
  }

  public <T> Flag each(Converter<T> convert, Consumer<T> sink) {
    this.repeatable = true;
    this.setter = v -> sink.accept(convert.convert(v));
    return this;
  }

  public Flag toBool(Consumer<Boolean> sink) {
    this.setter = v -> sink.accept(Values.bool(v));
    return this;
  }

  public Flag toInt(Consumer<Integer> sink) {
    this.setter = v -> sink.accept(Values.integer(v));
    return this;
  }

  public Flag toLong(Consumer<Long> sink) {
    this.setter = v -> sink.accept(Values.longValue(v));
    return this;
  }

  public Flag toDouble(Consumer<Double> sink) {
    this.setter = v -> sink.accept(Values.decimal(v));
    return this;
  }

  public Flag toPath(Consumer<Path> sink) {
    this.setter = v -> sink.accept(Path.of(v));
    return this;
  }

  /** A value through a converter of our own (sizes, durations). */
  public <T> Flag to(Converter<T> convert, Consumer<T> sink) {
    this.setter = v -> sink.accept(convert.convert(v));
    return this;
  }

  /** Turns a raw value into a typed one, or throws with the reason. */
  @FunctionalInterface
  public interface Converter<T> {
    T convert(String raw) throws Exception;
  }

  boolean takesValue() {
    return kind == Kind.VALUE;
  }

  /** The longest name, as the "specified only once" message names the flag. */
  String longestName() {
    String l = names[0];
    for (String n : names) {
      if (n.length() > l.length()) {
        l = n;
      }
    }
    return l;
  }
}
