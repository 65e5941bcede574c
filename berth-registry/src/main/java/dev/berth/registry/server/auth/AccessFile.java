package dev.berth.registry.server.auth;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may pull and push where, one rule a line:
 *
 * <pre>
 * # user     repositories   actions
 * alice      *              pull,push,delete
 * bob        team/*         pull,push
 * *          public/*       pull          # "*" is everyone, anonymous callers included
 * alice      registry:catalog  *          # the catalog
 * </pre>
 *
 * Repository patterns are globs where {@code *} matches any run of characters (slashes too). A
 * caller gets the union of the actions of every rule that matches.
 */
public final class AccessFile {
  private record Rule(String user, Pattern repositories, boolean catalog, Set<String> actions) {}

  private final List<Rule> rules;

  private AccessFile(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static AccessFile read(Path file) {
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw BerthException.invalid("reading access file " + file + ": "
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
    }
  }

  public static AccessFile parse(List<String> lines, String source) {
    List<Rule> rules = new ArrayList<>();
    int number = 0;
    for (String line : lines) {
      number++;
      int hash = line.indexOf('#');
      String[] fields = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
      if (fields.length == 1 && fields[0].isEmpty()) {
        continue;
      }
      if (fields.length != 3) {
        throw BerthException.invalid(source + ":" + number + ": expected \"user repositories"
            + " actions\", got \"" + line.trim() + "\"");
      }
      boolean catalog = fields[1].equals("registry:catalog");
      Pattern glob = Pattern.compile(Pattern.quote(fields[1]).replace("*", "\\E.*\\Q"));
      rules.add(new Rule(fields[0], glob, catalog, Set.of(fields[2].split(","))));
    }
    return new AccessFile(rules);
  }

  /** The actions {@code user} (null when anonymous) may take on {@code scope}'s resource. */
  public Set<String> allowed(String user, Scope scope) {
    Set<String> actions = new HashSet<>();
    boolean catalog = scope.type().equals("registry") && scope.name().equals("catalog");
    for (Rule rule : rules) {
      boolean who = rule.user().equals("*") || rule.user().equals(user);
      boolean what = catalog ? rule.catalog()
          : scope.type().equals(Scope.REPOSITORY) && !rule.catalog()
              && rule.repositories().matcher(scope.name()).matches();
      if (who && what) {
        actions.addAll(rule.actions());
      }
    }
    return actions;
  }
}
