package dev.berth.cli.format;

import dev.berth.cli.format.Node.ListNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed Go text/template with docker's functions, as {@code --format} takes it. Data may be
 * a Jackson {@code JsonNode}, a {@link Row}, a Map, a List, a String, a number or a boolean.
 *
 * <pre>{@code
 * Template.parse("{{.State.Status}} {{join .Config.Cmd \" \"}}").execute(inspectJson)
 * }</pre>
 */
public final class Template {
  private final String name;
  private final String source;
  private final Map<String, ListNode> trees;
  private final Map<String, Functions.Fn> functions;
  private final boolean missingKeyError;

  private Template(String name, String source, Map<String, ListNode> trees,
      Map<String, Functions.Fn> functions, boolean missingKeyError) {
    this.name = name;
    this.source = source;
    this.trees = trees;
    this.functions = functions;
    this.missingKeyError = missingKeyError;
  }

  /** Parses an anonymous template, as docker does; throws {@link TemplateException}. */
  public static Template parse(String text) {
    return parse("", text);
  }

  /** A named template: Go's errors then say {@code template: NAME:1:2: executing "NAME" ...}. */
  public static Template parse(String name, String text) {
    return parse(name, text, Map.of());
  }

  /** A named template with functions of the command's own besides docker's. */
  public static Template parse(String name, String text, Map<String, TemplateFunction> extra) {
    Map<String, Functions.Fn> functions = new HashMap<>(Functions.STANDARD);
    extra.forEach((n, f) -> functions.put(n, new Functions.Fn(n, 0, -1, args -> {
      try {
        return f.apply(args);
      } catch (IllegalArgumentException e) {
        throw new Functions.CallError(e.getMessage());
      }
    })));
    return new Template(name, text, Parser.parse(name, text, functions.keySet()), functions, false);
  }

  /**
   * The same template with Go's {@code missingkey=error}: a missing map key fails with
   * {@code map has no entry for key "X"} instead of printing {@code <no value>} (docker inspect).
   */
  public Template missingKeyError() {
    return new Template(name, source, trees, functions, true);
  }

  /** Runs the template; throws {@link TemplateException} with Go's message when it fails. */
  public String execute(Object data) {
    StringBuilder out = new StringBuilder();
    execute(data, out);
    return out.toString();
  }

  /** Runs the template into {@code out}; on failure what was written so far stays, as in Go. */
  public void execute(Object data, StringBuilder out) {
    new Exec(this, functions, out).run(name, trees.get(name), Values.normalize(data));
  }

  /**
   * Runs the template over a table's header names with docker's header functions, which leave
   * names intact. Like docker, a failure keeps what was written before it.
   */
  String executeHeader(Object header) {
    StringBuilder out = new StringBuilder();
    try {
      new Exec(this, Functions.HEADER, out).run(name, trees.get(name), header);
    } catch (TemplateException e) {
      // docker ignores header errors; the partial header is what it prints
    }
    return out.toString();
  }

  boolean isMissingKeyError() {
    return missingKeyError;
  }

  String name() {
    return name;
  }

  String source() {
    return source;
  }

  ListNode tree(String treeName) {
    return trees.get(treeName);
  }
}
