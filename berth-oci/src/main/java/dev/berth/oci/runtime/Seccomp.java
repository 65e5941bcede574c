package dev.berth.oci.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code linux.seccomp}: a default action and rules by syscall name, with argument filters. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Seccomp(
    String defaultAction,
    Integer defaultErrnoRet,
    List<String> architectures,
    List<String> flags,
    List<Syscall> syscalls) {

  public Seccomp {
    architectures = architectures == null ? List.of() : List.copyOf(architectures);
    flags = flags == null ? List.of() : List.copyOf(flags);
    syscalls = syscalls == null ? List.of() : List.copyOf(syscalls);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Syscall(List<String> names, String action, Integer errnoRet, List<Arg> args) {
    public Syscall {
      names = names == null ? List.of() : List.copyOf(names);
      args = args == null ? List.of() : List.copyOf(args);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Arg(int index, long value, long valueTwo, String op) {}
}
