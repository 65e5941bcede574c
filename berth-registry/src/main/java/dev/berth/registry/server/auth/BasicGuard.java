package dev.berth.registry.server.auth;

import java.util.List;

/** htpasswd Basic auth: a known user with the right password may do anything. */
public record BasicGuard(Htpasswd users, String realm) implements Guard {
  @Override
  public Decision check(String authorization, List<Scope> needed, String realmBase) {
    boolean ok = BasicCredentials.from(authorization)
        .filter(c -> users.check(c.user(), c.password())).isPresent();
    return ok ? Decision.ALLOW : Decision.deny("Basic realm=\"" + realm + "\"",
        authorization == null ? "authentication required" : "invalid username or password");
  }
}
