package dev.berth.registry.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and verifies the registry's bearer tokens: compact JWTs signed with ES256 (a P-256 key
 * kept in the registry root by {@link #open}, so tokens stay valid across a restart; or one of
 * the instance's own). Claims as distribution's token spec: iss, sub, aud (the service), exp, nbf, iat, jti,
 * and {@code access: [{type, name, actions}]}.
 */
public final class Tokens {
  public static final String ISSUER = "berth-registry";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final String HEADER = B64.encodeToString(
      "{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));

  private final KeyPair key;
  private final String service;
  private final Duration lifetime;

  /** What a valid token grants. */
  public record Claims(String subject, List<Scope> access) {
    public boolean covers(Scope needed) {
      for (Scope granted : access) {
        if (granted.type().equals(needed.type()) && granted.name().equals(needed.name())
            && (granted.actions().containsAll(needed.actions()) || granted.actions().contains("*"))) {
          return true;
        }
      }
      return false;
    }
  }

  /** Tokens signed with a key of this instance's own: none survives it. */
  public Tokens(String service, Duration lifetime) {
    this(SigningKey.generate(), service, lifetime);
  }

  private Tokens(KeyPair key, String service, Duration lifetime) {
    this.key = key;
    this.service = service;
    this.lifetime = lifetime;
  }

  /**
   * Tokens signed with the key in {@code keyFile}, made there (mode 0600) on first use, so a
   * token issued before a restart is still accepted after it.
   */
  public static Tokens open(java.nio.file.Path keyFile, String service, Duration lifetime) {
    return new Tokens(SigningKey.load(keyFile), service, lifetime);
  }

  public String service() {
    return service;
  }

  public Duration lifetime() {
    return lifetime;
  }

  public String issue(String subject, List<Scope> access, Instant now) {
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", ISSUER);
    claims.put("sub", subject == null ? "" : subject);
    claims.put("aud", service);
    claims.put("exp", now.plus(lifetime).getEpochSecond());
    claims.put("nbf", now.getEpochSecond() - 1);
    claims.put("iat", now.getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    ArrayNode list = claims.putArray("access");
    for (Scope scope : access) {
      ObjectNode entry = list.addObject();
      entry.put("type", scope.type());
      entry.put("name", scope.name());
      ArrayNode actions = entry.putArray("actions");
      scope.actions().stream().sorted().forEach(actions::add);
    }
    try {
      String signingInput = HEADER + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
      Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
      signer.initSign(key.getPrivate());
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(signer.sign());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("signing a token", e);
    }
  }

  /** The token's claims if its signature, issuer, audience and times hold at {@code now}. */
  public Optional<Claims> verify(String token, Instant now) {
    String[] parts = token.split("\\.");
    if (parts.length != 3 || !parts[0].equals(HEADER)) {
      return Optional.empty();
    }
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(key.getPublic());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(B64D.decode(parts[2]))) {
        return Optional.empty();
      }
      JsonNode claims = JSON.readTree(B64D.decode(parts[1]));
      long t = now.getEpochSecond();
      if (!ISSUER.equals(claims.path("iss").asText()) || !service.equals(claims.path("aud").asText())
          || claims.path("exp").asLong(0) < t || claims.path("nbf").asLong(Long.MAX_VALUE) > t) {
        return Optional.empty();
      }
      List<Scope> access = new ArrayList<>();
      for (JsonNode entry : claims.path("access")) {
        Set<String> actions = new HashSet<>();
        entry.path("actions").forEach(a -> actions.add(a.asText()));
        access.add(new Scope(entry.path("type").asText(), entry.path("name").asText(), actions));
      }
      return Optional.of(new Claims(claims.path("sub").asText(), access));
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
