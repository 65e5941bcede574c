package dev.berth.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The docker CLI's TLS settings: {@code --tls} encrypts, {@code --tlsverify} also checks the
 * daemon's certificate against {@code ca}; {@code cert}/{@code key} identify the client and are
 * used when the files exist. {@code null} paths mean "not given".
 */
public record TlsOptions(boolean enabled, boolean verify, Path ca, Path cert, Path key) {
  public static final TlsOptions NONE = new TlsOptions(false, false, null, null, null);

  /**
   * Flags first, then DOCKER_TLS_VERIFY / DOCKER_CERT_PATH, then ~/.docker, as docker does:
   * a missing flag file defaults to {@code <cert path>/ca.pem, cert.pem, key.pem}.
   */
  public static TlsOptions resolve(boolean tls, boolean tlsVerify, Path ca, Path cert, Path key,
      Map<String, String> env) {
    boolean verify = tlsVerify || !env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty();
    boolean enabled = tls || verify;
    if (!enabled) {
      return NONE;
    }
    String dir = env.getOrDefault("DOCKER_CERT_PATH", "");
    Path certDir = dir.isEmpty()
        ? Path.of(System.getProperty("user.home"), ".docker") : Path.of(dir);
    Path c = ca != null ? ca : certDir.resolve("ca.pem");
    Path ce = cert != null ? cert : certDir.resolve("cert.pem");
    Path k = key != null ? key : certDir.resolve("key.pem");
    return new TlsOptions(true, verify, c, Files.exists(ce) ? ce : null,
        Files.exists(k) ? k : null);
  }
}
