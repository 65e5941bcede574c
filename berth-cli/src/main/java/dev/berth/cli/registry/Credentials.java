package dev.berth.cli.registry;

/**
 * One registry's credentials as docker's AuthConfig holds them: a user and password, or an
 * identity token (username "&lt;token&gt;" in a credential helper), for a server address.
 */
record Credentials(String username, String password, String identityToken, String serverAddress) {
  static Credentials none(String server) {
    return new Credentials("", "", "", server);
  }

  boolean empty() {
    return username.isEmpty() && password.isEmpty() && identityToken.isEmpty();
  }
}
