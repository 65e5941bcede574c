package dev.berth.registry.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a client proves itself with: a user and password, or an identity token (an OAuth2
 * refresh token a registry handed out at login). {@link #ANONYMOUS} has neither.
 */
public record Credentials(String username, String password, String identityToken) {
  public static final Credentials ANONYMOUS = new Credentials(null, null, null);

  public static Credentials basic(String username, String password) {
    return new Credentials(username, password, null);
  }

  public boolean anonymous() {
    return (username == null || username.isEmpty()) && (identityToken == null
        || identityToken.isEmpty());
  }

  /** The value of an {@code Authorization: Basic} header. */
  public String basicHeader() {
    String pair = (username == null ? "" : username) + ":" + (password == null ? "" : password);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return anonymous() ? "anonymous" : "user " + username;
  }
}
