package dev.berth.registry.server;

import dev.berth.registry.server.auth.AccessFile;
import dev.berth.registry.server.auth.BasicGuard;
import dev.berth.registry.server.auth.Guard;
import dev.berth.registry.server.auth.Htpasswd;
import dev.berth.registry.server.auth.OpenGuard;
import dev.berth.registry.server.auth.TokenGuard;
import dev.berth.registry.server.auth.TokenService;
import dev.berth.registry.server.auth.Tokens;
import dev.berth.registry.server.gc.GarbageCollector;
import dev.berth.registry.server.gc.GcReport;
import dev.berth.registry.server.http.Dispatcher;
import dev.berth.registry.server.http.RegistryServer;
import dev.berth.registry.server.http.Services;
import dev.berth.registry.server.storage.BlobStore;
import dev.berth.registry.server.storage.Manifests;
import dev.berth.registry.server.storage.RepositoryStore;
import dev.berth.registry.server.storage.UploadStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running registry: what {@code berth registry serve}, berthd and tests start. Owns the
 * listening socket, the stores under the root and the garbage-collection schedule; {@link #close}
 * stops all of them.
 */
public final class Registry implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Registry.class.getName());
  private final RegistryServer server;
  private final GarbageCollector collector;
  private final ScheduledExecutorService schedule;

  private Registry(RegistryServer server, GarbageCollector collector,
      ScheduledExecutorService schedule) {
    this.server = server;
    this.collector = collector;
    this.schedule = schedule;
  }

  public static Registry start(RegistryConfig config) throws Exception {
    BlobStore blobs = new BlobStore(config.root());
    RepositoryStore repositories = new RepositoryStore(config.root());
    UploadStore uploads = new UploadStore(config.root(), blobs);
    Htpasswd users = config.htpasswd() == null ? null : Htpasswd.read(config.htpasswd());
    Guard guard = new OpenGuard();
    TokenService tokens = null;
    if (config.accessFile() != null) {
      Tokens signer = Tokens.open(config.root().resolve("token-signing-key.pem"),
          config.tokenService(), Duration.ofMinutes(5));
      tokens = new TokenService(signer, users, AccessFile.read(config.accessFile()));
      guard = new TokenGuard(signer, config.tokenRealm());
    } else if (users != null) {
      guard = new BasicGuard(users, "berth-registry");
    }
    Services services = new Services(config, blobs, uploads, repositories,
        new Manifests(blobs, repositories), guard, tokens);
    GarbageCollector collector = collector(config, blobs, repositories, uploads);
    RegistryServer server = new RegistryServer(config.address(), new Dispatcher(services),
        config.tlsCert(), config.tlsKey());
    ScheduledExecutorService schedule =
        Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    // abandoned uploads go even when no collection is scheduled
    long purgeEvery = Math.max(1000, Math.min(config.uploadTimeout().toMillis() / 4, 3_600_000));
    schedule.scheduleWithFixedDelay(() -> {
      try {
        uploads.purge(java.time.Instant.now().minus(config.uploadTimeout()));
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "purging abandoned uploads failed", e);
      }
    }, purgeEvery, purgeEvery, TimeUnit.MILLISECONDS);
    if (config.gcInterval() != null) {
      long every = config.gcInterval().toMillis();
      schedule.scheduleWithFixedDelay(() -> {
        try {
          GcReport report = collector.run(false);
          LOG.info("gc: deleted " + report.deleted().size() + " blobs (" + report.bytes()
              + " bytes), purged " + report.purgedUploads().size() + " uploads");
        } catch (IOException | RuntimeException e) {
          LOG.log(Level.WARNING, "gc failed", e);
        }
      }, every, every, TimeUnit.MILLISECONDS);
    }
    return new Registry(server, collector, schedule);
  }

  /** The collector over a root, for {@code gc} run beside (or without) a server. */
  public static GarbageCollector collector(RegistryConfig config) {
    BlobStore blobs = new BlobStore(config.root());
    return collector(config, blobs, new RepositoryStore(config.root()),
        new UploadStore(config.root(), blobs));
  }

  private static GarbageCollector collector(RegistryConfig config, BlobStore blobs,
      RepositoryStore repositories, UploadStore uploads) {
    return new GarbageCollector(blobs, repositories, uploads, config.gcGrace(),
        config.uploadTimeout());
  }

  public InetSocketAddress address() {
    return server.address();
  }

  public int port() {
    return server.address().getPort();
  }

  /** The collector sharing this registry's locks: the safe one to run while it serves. */
  public GarbageCollector collector() {
    return collector;
  }

  @Override
  public void close() {
    schedule.shutdownNow();
    server.close();
  }
}
