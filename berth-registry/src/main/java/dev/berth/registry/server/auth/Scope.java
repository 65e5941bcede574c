package dev.berth.registry.server.auth;

import dev.berth.error.BerthException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A token scope {@code type:name:actions}, e.g. {@code repository:library/debian:pull,push}. The
 * name may itself hold a colon ({@code host:5000/x}), so type ends at the first colon and
 * actions start after the last.
 */
public record Scope(String type, String name, Set<String> actions) {
  public static final String REPOSITORY = "repository";
  public static final String PULL = "pull";
  public static final String PUSH = "push";
  public static final String DELETE = "delete";

  public Scope {
    actions = Set.copyOf(actions);
  }

  public static Scope repository(String name, String... actions) {
    return new Scope(REPOSITORY, name, Set.of(actions));
  }

  public static Scope catalog() {
    return new Scope("registry", "catalog", Set.of("*"));
  }

  public static Scope parse(String scope) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first <= 0 || last == first) {
      throw BerthException.invalid("invalid scope \"" + scope + "\": expected type:name:actions");
    }
    Set<String> actions = new LinkedHashSet<>();
    Arrays.stream(scope.substring(last + 1).split(",")).map(String::trim)
        .filter(a -> !a.isEmpty()).forEach(actions::add);
    return new Scope(scope.substring(0, first), scope.substring(first + 1, last), actions);
  }

  @Override
  public String toString() {
    return type + ":" + name + ":" + String.join(",", actions.stream().sorted().toList());
  }
}
