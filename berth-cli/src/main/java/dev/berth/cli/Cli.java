package dev.berth.cli;

import dev.berth.client.DockerClient;
import dev.berth.client.DockerHost;
import dev.berth.client.TlsOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The root command, {@code berth}, with docker's global options. Commands reach the daemon
 * through {@link #client()}, write through {@link #out()} / {@link #err()}, and fail by
 * throwing ({@link CliException}, or the client's exceptions, which {@link Main} prints as
 * docker does).
 */
@Command(name = "berth", customSynopsis = "[OPTIONS] COMMAND",
    description = "A self-sufficient runtime for containers")
public final class Cli implements Callable<Integer> {
  public static final String VERSION = "0.1.0";

  private static Cli current;
  private static DockerClient client;
  private static Map<String, String> env = System.getenv();

  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin HelpOption help;

  @Option(names = {"-H", "--host"}, paramLabel = "list",
      description = "Daemon socket to connect to")
  String host;

  @Option(names = "--tls", description = "Use TLS; implied by --tlsverify")
  boolean tls;

  @Option(names = "--tlsverify", description = "Use TLS and verify the remote")
  boolean tlsVerify;

  @Option(names = "--tlscacert", paramLabel = "string",
      description = "Trust certs signed only by this CA (default \"~/.docker/ca.pem\")")
  Path tlsCaCert;

  @Option(names = "--tlscert", paramLabel = "string",
      description = "Path to TLS certificate file (default \"~/.docker/cert.pem\")")
  Path tlsCert;

  @Option(names = "--tlskey", paramLabel = "string",
      description = "Path to TLS key file (default \"~/.docker/key.pem\")")
  Path tlsKey;

  @Option(names = {"-D", "--debug"}, description = "Enable debug mode")
  boolean debug;

  @Option(names = {"-l", "--log-level"}, paramLabel = "string",
      description = "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\")"
          + " (default \"info\")")
  String logLevel = "info";

  @Option(names = "--config", paramLabel = "string",
      description = "Location of client config files (default \"~/.docker\")")
  String config;

  @Option(names = {"-v", "--version"}, versionHelp = true,
      description = "Print version information and quit")
  boolean version;

  public Cli() {
    current = this;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return 0;
  }

  /** The client for the daemon the global options name; made on first use. */
  public static synchronized DockerClient client() {
    if (client == null) {
      Cli c = current;
      String flag = c == null ? null : c.host;
      DockerHost host;
      try {
        host = DockerHost.resolve(flag, env);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
      TlsOptions tls = c == null ? TlsOptions.NONE
          : TlsOptions.resolve(c.tls, c.tlsVerify, c.tlsCaCert, c.tlsCert, c.tlsKey, env);
      client = new DockerClient(host, tls, DockerClient.apiVersionFrom(env));
    }
    return client;
  }

  public static boolean debug() {
    return current != null && current.debug;
  }

  /** The client config directory: --config, else $DOCKER_CONFIG, else ~/.docker. */
  public static Path configDir() {
    if (current != null && current.config != null && !current.config.isEmpty()) {
      return Path.of(current.config);
    }
    String dir = env.get("DOCKER_CONFIG");
    if (dir != null && !dir.isEmpty()) {
      return Path.of(dir);
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".docker");
  }

  public static Map<String, String> env() {
    return env;
  }

  public static PrintStream out() {
    return System.out;
  }

  public static PrintStream err() {
    return System.err;
  }
}
