package dev.berth.runtime.seccomp;

import java.util.Set;

/**
 * What a profile is resolved for: the container's capabilities (names like "CAP_SYS_ADMIN"), the
 * host's native arch ("amd64") and the running kernel.
 */
record Target(Set<String> capabilities, String arch, KernelVersion kernel) {
  Target {
    capabilities = Set.copyOf(capabilities);
  }
}
