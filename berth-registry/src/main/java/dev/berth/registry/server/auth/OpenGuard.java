package dev.berth.registry.server.auth;

import java.util.List;

/** No authentication: everyone may do everything (loopback and tests). */
public record OpenGuard() implements Guard {
  @Override
  public Decision check(String authorization, List<Scope> needed, String realmBase) {
    return Decision.ALLOW;
  }
}
