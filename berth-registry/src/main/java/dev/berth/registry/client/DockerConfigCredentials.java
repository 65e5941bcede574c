package dev.berth.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Credentials kept as the docker CLI keeps them, in {@code config.json}: {@code
 * credHelpers[<registry>]} names a helper for one registry, else {@code credsStore} one for all,
 * else {@code auths[<registry>].auth} holds base64 {@code user:password} (or {@code
 * identitytoken}). A helper is {@code docker-credential-<name>} with {@code get}, {@code store}
 * or {@code erase} and the server on stdin. Docker Hub's key is {@code
 * https://index.docker.io/v1/}.
 */
public final class DockerConfigCredentials {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A helper's Username when the Secret is an identity token. */
  private static final String TOKEN_USER = "<token>";

  private final Path file;
  private final Path helperDir; // null: helpers are found on PATH

  public DockerConfigCredentials(Path file) {
    this(file, null);
  }

  /** As above, running helpers from {@code helperDir} instead of PATH (tests). */
  DockerConfigCredentials(Path file, Path helperDir) {
    this.file = file;
    this.helperDir = helperDir;
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
  public static DockerConfigCredentials standard() {
    String dir = System.getenv("DOCKER_CONFIG");
    Path base = dir != null && !dir.isEmpty() ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".docker");
    return new DockerConfigCredentials(base.resolve("config.json"));
  }

  /** The credentials for {@code key} (a {@link RegistryEndpoint#credentialKey()}), or anonymous. */
  public Credentials get(String key) {
    ObjectNode config = read();
    String helper = helperFor(config, key);
    if (helper != null) {
      JsonNode r = runHelper(helperDir, helper, "get", key);
      if (r == null) {
        return Credentials.ANONYMOUS;
      }
      String user = r.path("Username").asText("");
      String secret = r.path("Secret").asText("");
      return user.equals(TOKEN_USER) ? new Credentials(null, null, secret)
          : Credentials.basic(user, secret);
    }
    for (String k : List.of(key, "https://" + key, "http://" + key)) {
      JsonNode entry = config.path("auths").path(k);
      if (entry.isMissingNode()) {
        continue;
      }
      String token = entry.path("identitytoken").asText("");
      String auth = entry.path("auth").asText("");
      if (!auth.isEmpty()) {
        String pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
          throw BerthException.invalid(file + ": auths." + k + ".auth is not user:password");
        }
        return new Credentials(pair.substring(0, colon), pair.substring(colon + 1),
            token.isEmpty() ? null : token);
      }
      if (!token.isEmpty()) {
        return new Credentials(null, null, token);
      }
    }
    return Credentials.ANONYMOUS;
  }

  /** Keeps {@code credentials} for {@code key} (what {@code login} does after a check). */
  public void store(String key, Credentials credentials) {
    ObjectNode config = read();
    String helper = helperFor(config, key);
    if (helper != null) {
      ObjectNode in = JSON.createObjectNode().put("ServerURL", key);
      boolean token = credentials.identityToken() != null;
      in.put("Username", token ? TOKEN_USER : credentials.username());
      in.put("Secret", token ? credentials.identityToken() : credentials.password());
      runHelper(helperDir, helper, "store", in.toString());
      return;
    }
    ObjectNode entry = config.withObject("/auths").putObject(key);
    entry.put("auth", Base64.getEncoder().encodeToString((credentials.username() + ":"
        + credentials.password()).getBytes(StandardCharsets.UTF_8)));
    write(config);
  }

  /** Forgets the credentials for {@code key} ({@code logout}). */
  public void erase(String key) {
    ObjectNode config = read();
    String helper = helperFor(config, key);
    if (helper != null) {
      runHelper(helperDir, helper, "erase", key);
      return;
    }
    if (config.path("auths") instanceof ObjectNode auths && auths.remove(key) != null) {
      write(config);
    }
  }

  private static String helperFor(ObjectNode config, String key) {
    String h = config.path("credHelpers").path(key).asText("");
    if (h.isEmpty()) {
      h = config.path("credsStore").asText("");
    }
    return h.isEmpty() ? null : h;
  }

  private ObjectNode read() {
    if (!Files.exists(file)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (n instanceof ObjectNode o) {
        return o;
      }
      throw BerthException.invalid(file + ": not a JSON object");
    } catch (IOException e) {
      throw BerthException.invalid(file + ": " + e.getMessage());
    }
  }

  private void write(ObjectNode config) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "config", ".tmp");
      Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw BerthException.system("writing " + file + ": " + e.getMessage(), e);
    }
  }

  /** Runs a helper; for {@code get}, null when it knows no credentials for the server. */
  private static JsonNode runHelper(Path dir, String helper, String action, String input) {
    String program = "docker-credential-" + helper;
    if (dir != null) {
      program = dir.resolve(program).toString();
    }
    try {
      Process p = new ProcessBuilder(program, action).redirectErrorStream(true).start();
      try (var stdin = p.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw BerthException.system(program + " " + action + " did not finish", null);
      }
      String text = new String(out, StandardCharsets.UTF_8).trim();
      if (p.exitValue() != 0) {
        if (action.equals("get") && text.contains("credentials not found")) {
          return null;
        }
        throw BerthException.system(program + " " + action + ": " + text, null);
      }
      return action.equals("get") ? JSON.readTree(text) : null;
    } catch (IOException e) {
      throw BerthException.system("running " + program + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BerthException.system("interrupted running " + program, e);
    }
  }
}
