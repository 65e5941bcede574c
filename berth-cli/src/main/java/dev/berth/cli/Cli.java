package dev.berth.cli;

import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Declared;
import dev.berth.cli.flags.Flag;
import dev.berth.client.DockerClient;
import dev.berth.client.DockerHost;
import dev.berth.client.TlsOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The root command, {@code berth}, with docker's global options. Commands reach the daemon
 * through {@link #client()}, write through {@link #out()} / {@link #err()}, and fail by
 * throwing ({@link CliException}, or the client's exceptions, which {@link Main} prints as
 * docker does).
 */
public final class Cli implements Declared {
  public static final String VERSION = "0.1.0";

  private static Cli current;
  private static DockerClient client;
  private static Map<String, String> env = System.getenv();

  private Command spec;
  String host;
  boolean tls;
  boolean tlsVerify;
  Path tlsCaCert;
  Path tlsCert;
  Path tlsKey;
  boolean debug;
  String logLevel = "info";
  String config;
  boolean version;

  @Override
  public void declare(Command c) {
    spec = c;
    c.name("berth").synopsis("[OPTIONS] COMMAND")
        .description("A self-sufficient runtime for containers");
    c.add(HelpOption.flag());
    c.add(Flag.value("-H", "--host").label("list").describe("Daemon socket to connect to")
        .to(v -> host = v));
    c.add(Flag.bool("--tls").describe("Use TLS; implied by --tlsverify").toBool(v -> tls = v));
    c.add(Flag.bool("--tlsverify").describe("Use TLS and verify the remote")
        .toBool(v -> tlsVerify = v));
    c.add(Flag.value("--tlscacert").label("string")
        .describe("Trust certs signed only by this CA (default \"~/.docker/ca.pem\")")
        .toPath(v -> tlsCaCert = v));
    c.add(Flag.value("--tlscert").label("string")
        .describe("Path to TLS certificate file (default \"~/.docker/cert.pem\")")
        .toPath(v -> tlsCert = v));
    c.add(Flag.value("--tlskey").label("string")
        .describe("Path to TLS key file (default \"~/.docker/key.pem\")")
        .toPath(v -> tlsKey = v));
    c.add(Flag.bool("-D", "--debug").describe("Enable debug mode").toBool(v -> debug = v));
    c.add(Flag.value("-l", "--log-level").label("string")
        .describe("Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\")"
            + " (default \"info\")")
        .to(v -> logLevel = v));
    c.add(Flag.value("--config").label("string")
        .describe("Location of client config files (default \"~/.docker\")")
        .to(v -> config = v));
    c.add(Flag.bool("-v", "--version").describe("Print version information and quit")
        .toBool(v -> version = v));
  }

  public Cli() {
    current = this;
  }

  @Override
  public Integer call() {
    out().print(spec.usage());
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

  /** Whether -v/--version was given: print the version instead of running anything. */
  boolean versionAsked() {
    return version;
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
