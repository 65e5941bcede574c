package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.CliException;
import dev.berth.cli.container.JsonIndent;
import dev.berth.client.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The docker CLI's {@code config.json} (in --config, $DOCKER_CONFIG or ~/.docker): the
 * {@code auths} section, {@code credsStore} and {@code credHelpers}. Fields Berth does not
 * know are kept as they are when the file is written back.
 */
final class DockerConfig {
  private final Path file;
  private final ObjectNode root;

  private DockerConfig(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  static DockerConfig load(Path dir) {
    Path file = dir.resolve("config.json");
    if (!Files.exists(file)) {
      return new DockerConfig(file, Json.object());
    }
    try {
      JsonNode n = Json.parse(Files.readAllBytes(file));
      return new DockerConfig(file, n instanceof ObjectNode o ? o : Json.object());
    } catch (IOException e) {
      throw new CliException("loading config file: " + file + ": " + e.getMessage());
    } catch (java.io.UncheckedIOException e) {
      throw new CliException("loading config file: " + file + ": " + e.getCause().getMessage());
    }
  }

  Path file() {
    return file;
  }

  /** The store that holds {@code server}'s credentials: its helper, the default helper, or this file. */
  CredentialStore store(String server) {
    String helper = root.path("credHelpers").path(server).asText("");
    if (helper.isEmpty()) {
      helper = root.path("credsStore").asText("");
    }
    return helper.isEmpty() ? new FileStore(this) : new HelperStore(helper, this);
  }

  Credentials fileEntry(String server) {
    JsonNode a = root.path("auths").path(server);
    if (a.isMissingNode()) {
      return Credentials.none(server);
    }
    String user = a.path("username").asText("");
    String password = a.path("password").asText("");
    String auth = a.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new CliException("illegal base64 data in the auth of " + server + " in " + file);
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new CliException("invalid auth configuration file");
      }
      user = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    return new Credentials(user, password, a.path("identitytoken").asText(""), server);
  }

  /** Records {@code c} in {@code auths}; only the address when the secret lives in a helper. */
  void putFileEntry(Credentials c, boolean withSecret) {
    ObjectNode entry = Json.object();
    if (withSecret) {
      if (!c.username().isEmpty() || !c.password().isEmpty()) {
        entry.put("auth", Base64.getEncoder().encodeToString(
            (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8)));
      }
      if (!c.identityToken().isEmpty()) {
        entry.put("identitytoken", c.identityToken());
      }
    }
    root.with("auths").set(c.serverAddress(), entry);
  }

  /** Whether there was an entry to remove. */
  boolean removeFileEntry(String server) {
    return root.path("auths") instanceof ObjectNode auths && auths.remove(server) != null;
  }

  /** Writes the file as docker does: tab indents, mode 0600, replaced atomically. */
  void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "config.json", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      // docker's ConfigFile struct: auths first and always there, other fields after it
      ObjectNode ordered = Json.object();
      ordered.set("auths", root.path("auths").isObject() ? root.get("auths") : Json.object());
      root.properties().forEach(e -> {
        if (!e.getKey().equals("auths")) {
          ordered.set(e.getKey(), e.getValue());
        }
      });
      String text = JsonIndent.of(ordered).lines()
          .map(l -> {
            int n = 0;
            while (l.startsWith("    ", n * 4)) {
              n++;
            }
            return "\t".repeat(n) + l.substring(n * 4);
          })
          .reduce((a, b) -> a + "\n" + b).orElse("{}");
      Files.writeString(tmp, text);
      Files.move(tmp, Files.isSymbolicLink(file) ? file.toRealPath() : file,
          StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CliException("Error saving credentials: " + e.getMessage());
    }
  }
}
