package dev.berth.runtime.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import dev.berth.oci.runtime.Seccomp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A seccomp profile in Docker's JSON format ({@code --security-opt seccomp=profile.json}: the
 * docker CLI reads the file and sends its text), resolved into OCI {@code linux.seccomp} for a
 * container's capabilities on this host, as Docker resolves it: {@code archMap} picks the
 * native architecture and its sub-architectures, and a rule counts only when its
 * {@code includes} (all capabilities, one of the arches, the minimum kernel) hold and its
 * {@code excludes} do not.
 */
public final class DockerSeccompProfile {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** libseccomp's name for each native arch, as Docker's archMap keys them. */
  private static final Map<String, String> SCMP = Map.of(
      "amd64", "SCMP_ARCH_X86_64", "x86", "SCMP_ARCH_X86", "arm64", "SCMP_ARCH_AARCH64",
      "arm", "SCMP_ARCH_ARM", "s390x", "SCMP_ARCH_S390X", "ppc64le", "SCMP_ARCH_PPC64LE",
      "riscv64", "SCMP_ARCH_RISCV64", "mips64", "SCMP_ARCH_MIPS64");

  private DockerSeccompProfile() {}

  public static Seccomp resolve(String json, Set<String> capabilities) {
    return resolve(json, capabilities, HostArch.current(), KernelVersion.running());
  }

  static Seccomp resolve(String json, Set<String> capabilities, String arch,
      KernelVersion kernel) {
    JsonNode p;
    try {
      p = JSON.readTree(json);
    } catch (IOException e) {
      throw BerthException.invalid("decoding seccomp profile failed: " + e.getMessage());
    }
    if (p == null || !p.isObject() || !p.path("defaultAction").isTextual()) {
      throw BerthException.invalid("decoding seccomp profile failed: no defaultAction");
    }
    Set<String> caps = capabilities.stream().map(c -> c.toUpperCase(Locale.ROOT))
        .map(c -> c.startsWith("CAP_") ? c : "CAP_" + c).collect(Collectors.toSet());
    List<String> arches = new ArrayList<>();
    if (p.path("architectures").isArray()) {
      p.path("architectures").forEach(a -> arches.add(a.asText()));
    }
    if (p.path("archMap").isArray() && arches.isEmpty()) {
      String native_ = SCMP.get(arch);
      for (JsonNode m : p.path("archMap")) {
        if (m.path("architecture").asText().equals(native_)) {
          arches.add(native_);
          m.path("subArchitectures").forEach(a -> arches.add(a.asText()));
        }
      }
    }
    List<String> flags = new ArrayList<>();
    p.path("flags").forEach(f -> flags.add(f.asText()));
    List<Seccomp.Syscall> syscalls = new ArrayList<>();
    for (JsonNode rule : p.path("syscalls")) {
      if (!applies(rule.path("includes"), caps, arch, kernel, true)
          || !applies(rule.path("excludes"), caps, arch, kernel, false)) {
        continue;
      }
      List<String> names = new ArrayList<>();
      rule.path("names").forEach(n -> names.add(n.asText()));
      if (rule.path("name").isTextual()) {
        names.add(rule.path("name").asText());
      }
      List<Seccomp.Arg> args = new ArrayList<>();
      for (JsonNode a : rule.path("args")) {
        args.add(new Seccomp.Arg(a.path("index").asInt(), a.path("value").asLong(),
            a.path("valueTwo").asLong(), a.path("op").asText()));
      }
      Integer errno = rule.path("errnoRet").isNumber() ? rule.path("errnoRet").asInt() : null;
      syscalls.add(new Seccomp.Syscall(names, rule.path("action").asText(), errno, args));
    }
    Integer defaultErrno = p.path("defaultErrnoRet").isNumber()
        ? p.path("defaultErrnoRet").asInt() : null;
    return new Seccomp(p.path("defaultAction").asText(), defaultErrno, arches, flags, syscalls);
  }

  /** An {@code includes} (all must hold) or {@code excludes} (none may hold) filter. */
  private static boolean applies(JsonNode filter, Set<String> caps, String arch,
      KernelVersion kernel, boolean include) {
    if (!filter.isObject()) {
      return true;
    }
    List<String> need = new ArrayList<>();
    filter.path("caps").forEach(c -> need.add(c.asText().toUpperCase(Locale.ROOT)));
    List<String> onArches = new ArrayList<>();
    filter.path("arches").forEach(a -> onArches.add(a.asText()));
    if (include) {
      if (!caps.containsAll(need) || (!onArches.isEmpty() && !onArches.contains(arch))) {
        return false;
      }
      String min = filter.path("minKernel").asText("");
      return min.isEmpty() || kernel.atLeast(KernelVersion.parse(min));
    }
    return need.stream().noneMatch(caps::contains) && !onArches.contains(arch);
  }
}
