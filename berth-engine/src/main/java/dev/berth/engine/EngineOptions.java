package dev.berth.engine;

import dev.berth.network.NetworkOptions;
import java.util.List;

/**
 * Daemon-wide settings the engine applies to every container.
 *
 * @param cgroupParent {@code --cgroup-parent}: containers' cgroups go under it
 *     ({@code /<parent>/<id>}) unless a container names its own; null for the runtime's default
 * @param defaultUlimits {@code --default-ulimit}: limits a container gets unless it sets the
 *     same one itself
 */
public record EngineOptions(String cgroupParent, List<HostConfig.Ulimit> defaultUlimits,
    NetworkOptions network) {

  public EngineOptions {
    cgroupParent = cgroupParent == null || cgroupParent.isBlank() ? null : cgroupParent;
    defaultUlimits = defaultUlimits == null ? List.of() : List.copyOf(defaultUlimits);
    network = network == null ? NetworkOptions.defaults() : network;
  }

  public static EngineOptions defaults() {
    return new EngineOptions(null, null, null);
  }

  public EngineOptions withNetwork(NetworkOptions n) {
    return new EngineOptions(cgroupParent, defaultUlimits, n);
  }
}
