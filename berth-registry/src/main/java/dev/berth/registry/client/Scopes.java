package dev.berth.registry.client;

import java.util.List;

/** Token scopes ({@code repository:<name>:<actions>}) as the token spec writes them. */
final class Scopes {
  private Scopes() {}

  static List<String> pull(String repository) {
    return List.of("repository:" + repository + ":pull");
  }

  static List<String> push(String repository) {
    return List.of("repository:" + repository + ":pull,push");
  }

  /** Push to {@code repository} with a blob mounted from {@code from}. */
  static List<String> mount(String repository, String from) {
    return List.of("repository:" + repository + ":pull,push", "repository:" + from + ":pull");
  }
}
