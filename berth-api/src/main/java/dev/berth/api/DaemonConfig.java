package dev.berth.api;

import dev.berth.api.http.ListenAddress;
import dev.berth.api.http.TlsFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * What berthd runs with, after flags and the config file are merged.
 *
 * @param hosts where to listen
 * @param root the data root ({@code --root}): images, and later containers and volumes
 * @param execRoot run-time state ({@code --exec-root}): the pidfile
 * @param tls the TLS files for TCP listeners, or null
 */
public record DaemonConfig(List<ListenAddress> hosts, Path root, Path execRoot, TlsFiles tls,
    dev.berth.engine.EngineOptions engine,
    dev.berth.registry.server.RegistryConfig registry,
    dev.berth.registry.client.RegistryHosts registryHosts) {

  public DaemonConfig(List<ListenAddress> hosts, Path root, Path execRoot, TlsFiles tls) {
    this(hosts, root, execRoot, tls, dev.berth.engine.EngineOptions.defaults(), null,
        dev.berth.registry.client.RegistryHosts.defaults());
  }

  public static final String DEFAULT_HOST = "unix:///run/berth/berth.sock";
  public static final Path DEFAULT_ROOT = Path.of("/var/lib/berth");
  public static final Path DEFAULT_EXEC_ROOT = Path.of("/run/berth");

  public DaemonConfig {
    hosts = List.copyOf(hosts);
  }
}
