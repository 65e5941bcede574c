package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.Cli;
import dev.berth.client.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Which stored credentials a registry address uses and how they travel to the daemon: Docker
 * Hub's are kept under its v1 index address, any other registry's under its host name; the
 * X-Registry-Auth header is their JSON in URL-safe base64.
 */
final class Auths {
  static final String INDEX_SERVER = "https://index.docker.io/v1/";

  private Auths() {}

  /** The key of {@code domain}'s credentials in config.json. */
  static String key(String domain) {
    return domain.equals(ImageName.DOCKER_HUB) || domain.equals("index.docker.io")
        ? INDEX_SERVER : domain;
  }

  /** credentials.ConvertToHostname: the address without scheme and path. */
  static String hostname(String address) {
    String s = address;
    if (s.startsWith("http://")) {
      s = s.substring(7);
    } else if (s.startsWith("https://")) {
      s = s.substring(8);
    }
    int slash = s.indexOf('/');
    return slash < 0 ? s : s.substring(0, slash);
  }

  static Credentials stored(String domain) {
    String key = key(domain);
    return DockerConfig.load(Cli.configDir()).store(key).get(key);
  }

  /** The X-Registry-Auth value for an image on {@code domain}. */
  static String header(String domain) {
    return encode(stored(domain));
  }

  static String encode(Credentials c) {
    return Base64.getUrlEncoder().encodeToString(
        body(c).toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The AuthConfig JSON with docker's omitempty fields. */
  static ObjectNode body(Credentials c) {
    ObjectNode n = Json.object();
    if (!c.username().isEmpty()) {
      n.put("username", c.username());
    }
    if (!c.password().isEmpty()) {
      n.put("password", c.password());
    }
    if (!c.serverAddress().isEmpty()) {
      n.put("serveraddress", c.serverAddress());
    }
    if (!c.identityToken().isEmpty()) {
      n.put("identitytoken", c.identityToken());
    }
    return n;
  }
}
