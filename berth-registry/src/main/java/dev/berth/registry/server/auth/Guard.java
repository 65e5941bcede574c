package dev.berth.registry.server.auth;

import java.util.List;

/**
 * Decides whether a request's credentials cover the scopes its route needs. Implementations:
 * {@link OpenGuard} (no auth), {@link BasicGuard} (htpasswd: any known user may do anything, as
 * distribution's htpasswd mode) and {@link TokenGuard} (bearer tokens from the token service).
 */
public sealed interface Guard permits OpenGuard, BasicGuard, TokenGuard {
  /**
   * @param authorization the Authorization header, or null
   * @param realmBase {@code scheme://host[:port]} as the client reached us, for a default realm
   */
  Decision check(String authorization, List<Scope> needed, String realmBase);

  /** Allowed, or a 401 with this WWW-Authenticate challenge. */
  record Decision(boolean allowed, String challenge, String message) {
    public static final Decision ALLOW = new Decision(true, null, null);

    public static Decision deny(String challenge, String message) {
      return new Decision(false, challenge, message);
    }
  }
}
