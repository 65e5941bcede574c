package dev.berth.runtime.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An immutable launch plan: ordered directives, written as text by {@link #text()}. */
public record LaunchPlan(List<Directive> directives) {
  public static final int VERSION = 1;

  public LaunchPlan {
    directives = List.copyOf(directives);
  }

  /** One plan line: a keyword and its (unencoded) fields. */
  public record Directive(String keyword, List<String> fields) {
    public Directive {
      fields = List.copyOf(fields);
    }
  }

  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Directive d : directives) sb.append(PlanEncoding.line(d.keyword, d.fields)).append('\n');
    return sb.toString();
  }

  /** The fields of every directive with this keyword, in order. */
  public List<List<String>> all(String keyword) {
    return directives.stream().filter(d -> d.keyword.equals(keyword)).map(Directive::fields).toList();
  }

  public static Builder builder() {
    return new Builder(true);
  }

  /** A builder of lines to splice into a plan (no version line). */
  static Builder lines() {
    return new Builder(false);
  }

  public static final class Builder {
    private final List<Directive> directives = new ArrayList<>();

    private Builder(boolean plan) {
      if (plan) add("version", String.valueOf(VERSION));
    }

    public Builder add(String keyword, Object... fields) {
      directives.add(new Directive(keyword, Arrays.stream(fields).map(String::valueOf).toList()));
      return this;
    }

    public Builder add(String keyword, List<String> fields) {
      directives.add(new Directive(keyword, fields));
      return this;
    }

    public Builder addAll(List<Directive> lines) {
      directives.addAll(lines);
      return this;
    }

    public LaunchPlan build() {
      return new LaunchPlan(directives);
    }
  }
}
