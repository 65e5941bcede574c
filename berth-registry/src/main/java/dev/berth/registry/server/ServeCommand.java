package dev.berth.registry.server;

import dev.berth.error.BerthException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: runs the registry in the foreground until killed. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run an OCI distribution registry.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--addr", defaultValue = ":5000",
      description = "Listen address [host]:port (default: ${DEFAULT-VALUE}).")
  String addr;

  @Option(names = "--root", defaultValue = "/var/lib/berth/registry",
      description = "Storage directory (default: ${DEFAULT-VALUE}).")
  Path root;

  @Option(names = "--htpasswd", description = "Users (htpasswd -B file): Basic auth, or the"
      + " token service's users with --access-file.")
  Path htpasswd;

  @Option(names = "--access-file", description = "Per-repository rules: turns on the built-in"
      + " token service at /token.")
  Path accessFile;

  @Option(names = "--token-realm", description = "Realm URL sent in challenges (default:"
      + " this server's /token as the client addressed it).")
  String tokenRealm;

  @Option(names = "--token-service", defaultValue = "berth-registry",
      description = "Service name (token audience) (default: ${DEFAULT-VALUE}).")
  String tokenService;

  @Option(names = "--tls-cert", description = "PEM certificate chain.")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM private key (PKCS#8).")
  Path tlsKey;

  @Option(names = "--max-manifest-size", defaultValue = "4MiB",
      description = "Largest manifest accepted (default: ${DEFAULT-VALUE}).")
  String maxManifest;

  @Option(names = "--max-body-size", defaultValue = "0",
      description = "Largest request body accepted, 0 for no limit.")
  String maxBody;

  @Option(names = "--repository-quota", defaultValue = "0",
      description = "Bytes of blobs one repository may hold, 0 for no quota.")
  String quota;

  @Option(names = "--gc-interval", description = "Run the online garbage collector this often"
      + " (e.g. 1h); off when unset.")
  String gcInterval;

  @Option(names = "--gc-grace", defaultValue = "1h",
      description = "Keep unreferenced blobs this long (default: ${DEFAULT-VALUE}).")
  String gcGrace;

  @Option(names = "--upload-timeout", defaultValue = "24h",
      description = "Purge uploads untouched this long (default: ${DEFAULT-VALUE}).")
  String uploadTimeout;

  @Override
  public Integer call() throws Exception {
    RegistryConfig config = config();
    Registry registry = Registry.start(config);
    // SIGTERM and SIGINT end the JVM: stop listening and finish the executors on the way out
    Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "registry-shutdown"));
    System.err.println("berth-registry listening on " + registry.address() + " root "
        + config.root());
    new CountDownLatch(1).await();
    return 0;
  }

  RegistryConfig config() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw BerthException.invalid("--tls-cert and --tls-key go together");
    }
    return new RegistryConfig(address(addr), root.toAbsolutePath(), htpasswd, accessFile,
        tokenRealm, tokenService, tlsCert, tlsKey, Sizes.bytes(maxManifest), Sizes.bytes(maxBody),
        Sizes.bytes(quota), gcInterval == null ? null : Sizes.duration(gcInterval),
        Sizes.duration(gcGrace), Sizes.duration(uploadTimeout));
  }

  static InetSocketAddress address(String addr) {
    int colon = addr.lastIndexOf(':');
    try {
      int port = Integer.parseInt(addr.substring(colon + 1));
      String host = colon <= 0 ? "0.0.0.0" : addr.substring(0, colon).replaceAll("[\\[\\]]", "");
      return new InetSocketAddress(host, port);
    } catch (RuntimeException e) {
      throw BerthException.invalid("invalid --addr \"" + addr + "\": expected [host]:port");
    }
  }
}
