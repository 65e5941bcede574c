package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.CliException;
import dev.berth.client.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A docker credential helper ({@code docker-credential-<name>} on the PATH): {@code get},
 * {@code store} and {@code erase} with the server on stdin, JSON both ways. config.json keeps
 * an empty entry per server so that listings know it, as docker does.
 */
record HelperStore(String helper, DockerConfig config) implements CredentialStore {
  private static final String TOKEN_USER = "<token>";
  private static final String NOT_FOUND = "credentials not found in native keychain";

  @Override
  public Credentials get(String server) {
    Result r = run("get", server);
    if (r.code != 0) {
      if (r.out.trim().equals(NOT_FOUND)) {
        return Credentials.none(server);
      }
      throw new CliException("error getting credentials - err: exit status " + r.code
          + ", out: `" + r.out.trim() + "`");
    }
    try {
      JsonNode n = Json.parse(r.out);
      String user = n.path("Username").asText("");
      String secret = n.path("Secret").asText("");
      return user.equals(TOKEN_USER) ? new Credentials("", "", secret, server)
          : new Credentials(user, secret, "", server);
    } catch (java.io.UncheckedIOException e) {
      throw new CliException("error getting credentials - err: " + e.getCause().getMessage());
    }
  }

  @Override
  public void store(Credentials c) {
    boolean token = !c.identityToken().isEmpty();
    var body = Json.object();
    body.put("ServerURL", c.serverAddress());
    body.put("Username", token ? TOKEN_USER : c.username());
    body.put("Secret", token ? c.identityToken() : c.password());
    Result r = run("store", body.toString());
    if (r.code != 0) {
      throw new CliException("Error saving credentials: error storing credentials - err: exit"
          + " status " + r.code + ", out: `" + r.out.trim() + "`");
    }
    config.putFileEntry(c, false);
    config.save();
  }

  @Override
  public void erase(String server) {
    Result r = run("erase", server);
    if (config.removeFileEntry(server)) {
      config.save();
    }
    if (r.code != 0 && !r.out.trim().equals(NOT_FOUND)) {
      throw new CliException("error erasing credentials - err: exit status " + r.code
          + ", out: `" + r.out.trim() + "`");
    }
  }

  @Override
  public boolean plainText() {
    return false;
  }

  private record Result(int code, String out) {}

  private Result run(String verb, String input) {
    try {
      Process p = new ProcessBuilder("docker-credential-" + helper, verb)
          .redirectErrorStream(true).start();
      try (var in = p.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(p.waitFor(), out);
    } catch (IOException e) {
      throw new CliException("error getting credentials - err: exec: \"docker-credential-"
          + helper + "\": executable file not found in $PATH, out: ``");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted running docker-credential-" + helper);
    }
  }
}
