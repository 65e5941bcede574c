package dev.berth.api.http;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One registered route: a method, a path pattern compiled to a regex with one group per {@code
 * {name}} segment, and the handler. {@code hijack} routes may take the connection over.
 */
record Route(String method, String pattern, Pattern regex, List<String> names, Handler handler,
    boolean hijack) {
  Route {
    names = List.copyOf(names);
  }
}
