package dev.berth.registry.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a registry runs. Auth: none, htpasswd Basic ({@code htpasswd} alone), or the token service
 * ({@code accessFile}, with {@code htpasswd} for the users it knows). Limits are bytes, 0 for
 * none.
 *
 * @param tokenRealm the realm clients are sent to; null: {@code <scheme>://<Host header>/token}
 * @param gcInterval how often the online collector runs; null: never on its own
 * @param gcGrace how long an unreferenced blob is kept (pushes in flight rely on it)
 * @param uploadTimeout an upload untouched this long is abandoned and purged
 */
public record RegistryConfig(
    InetSocketAddress address,
    Path root,
    Path htpasswd,
    Path accessFile,
    String tokenRealm,
    String tokenService,
    Path tlsCert,
    Path tlsKey,
    long maxManifestBytes,
    long maxBodyBytes,
    long repositoryQuotaBytes,
    Duration gcInterval,
    Duration gcGrace,
    Duration uploadTimeout) {

  public static final long DEFAULT_MAX_MANIFEST = 4L << 20;

  /** Loopback, an ephemeral port, no auth, no TLS, 4 MiB manifests. */
  public static RegistryConfig defaults(Path root) {
    return new RegistryConfig(new InetSocketAddress("127.0.0.1", 0), root, null, null, null,
        "berth-registry", null, null, DEFAULT_MAX_MANIFEST, 0, 0, null, Duration.ofHours(1),
        Duration.ofHours(24));
  }

  public RegistryConfig withAddress(InetSocketAddress a) {
    return new RegistryConfig(a, root, htpasswd, accessFile, tokenRealm, tokenService, tlsCert,
        tlsKey, maxManifestBytes, maxBodyBytes, repositoryQuotaBytes, gcInterval, gcGrace,
        uploadTimeout);
  }

  public RegistryConfig withBasicAuth(Path users) {
    return new RegistryConfig(address, root, users, accessFile, tokenRealm, tokenService, tlsCert,
        tlsKey, maxManifestBytes, maxBodyBytes, repositoryQuotaBytes, gcInterval, gcGrace,
        uploadTimeout);
  }

  public RegistryConfig withTokenAuth(Path users, Path access, String realm) {
    return new RegistryConfig(address, root, users, access, realm, tokenService, tlsCert, tlsKey,
        maxManifestBytes, maxBodyBytes, repositoryQuotaBytes, gcInterval, gcGrace, uploadTimeout);
  }

  public RegistryConfig withTls(Path cert, Path key) {
    return new RegistryConfig(address, root, htpasswd, accessFile, tokenRealm, tokenService, cert,
        key, maxManifestBytes, maxBodyBytes, repositoryQuotaBytes, gcInterval, gcGrace,
        uploadTimeout);
  }

  public RegistryConfig withLimits(long manifest, long body, long quota) {
    return new RegistryConfig(address, root, htpasswd, accessFile, tokenRealm, tokenService,
        tlsCert, tlsKey, manifest, body, quota, gcInterval, gcGrace, uploadTimeout);
  }

  public RegistryConfig withGc(Duration interval, Duration grace, Duration uploads) {
    return new RegistryConfig(address, root, htpasswd, accessFile, tokenRealm, tokenService,
        tlsCert, tlsKey, maxManifestBytes, maxBodyBytes, repositoryQuotaBytes, interval, grace,
        uploads);
  }
}
