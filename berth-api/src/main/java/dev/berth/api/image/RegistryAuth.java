package dev.berth.api.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.http.Json;
import dev.berth.error.BerthException;
import dev.berth.registry.client.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Docker's AuthConfig as clients send it: base64 JSON in {@code X-Registry-Auth} (URL or
 * standard alphabet, padded or not; {@code e30=} is {@code {}}), or the plain JSON body of
 * {@code POST /auth}. Fields {@code username}, {@code password}, {@code auth} (base64
 * user:password), {@code identitytoken}, {@code serveraddress}.
 */
record RegistryAuth(Credentials credentials, String serverAddress) {

  /** The header's credentials; anonymous when absent or empty. */
  static RegistryAuth fromHeader(String header) {
    if (header == null || header.isBlank()) {
      return new RegistryAuth(Credentials.ANONYMOUS, "");
    }
    String h = header.trim().replace('-', '+').replace('_', '/');
    while (h.length() % 4 != 0) {
      h += "=";
    }
    byte[] json;
    try {
      json = Base64.getDecoder().decode(h);
    } catch (IllegalArgumentException e) {
      throw BerthException.invalid("X-Registry-Auth is not base64: " + e.getMessage());
    }
    return fromJson(json);
  }

  static RegistryAuth fromJson(byte[] json) {
    JsonNode n;
    try {
      n = json.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw BerthException.invalid("registry credentials are not JSON: " + e.getMessage());
    }
    String user = n.path("username").asText("");
    String password = n.path("password").asText("");
    String auth = n.path("auth").asText("");
    if (user.isEmpty() && !auth.isEmpty()) {
      String pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon > 0) {
        user = pair.substring(0, colon);
        password = pair.substring(colon + 1);
      }
    }
    String token = n.path("identitytoken").asText("");
    Credentials c = new Credentials(user.isEmpty() ? null : user,
        password.isEmpty() ? null : password, token.isEmpty() ? null : token);
    return new RegistryAuth(c, n.path("serveraddress").asText(""));
  }

  /**
   * The registry a login names, as references write it: {@code https://index.docker.io/v1/},
   * {@code docker.io} and an empty address are {@code docker.io}; a scheme and path go.
   */
  String registryDomain() {
    String a = serverAddress.trim();
    int scheme = a.indexOf("://");
    if (scheme >= 0) {
      a = a.substring(scheme + 3);
    }
    int slash = a.indexOf('/');
    if (slash >= 0) {
      a = a.substring(0, slash);
    }
    return a.isEmpty() || a.equals("index.docker.io") || a.equals("registry-1.docker.io")
        || a.equals("docker.io") ? "docker.io" : a;
  }
}
