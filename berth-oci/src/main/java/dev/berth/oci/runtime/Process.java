package dev.berth.oci.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code process}: what runs in the container and with which identity. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Process(
    boolean terminal,
    ConsoleSize consoleSize,
    User user,
    List<String> args,
    List<String> env,
    String cwd,
    Capabilities capabilities,
    List<Rlimit> rlimits,
    boolean noNewPrivileges,
    Integer oomScoreAdj,
    String apparmorProfile,
    String selinuxLabel) {

  public Process {
    args = args == null ? List.of() : List.copyOf(args);
    env = env == null ? List.of() : List.copyOf(env);
    rlimits = rlimits == null ? List.of() : List.copyOf(rlimits);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ConsoleSize(int height, int width) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record User(long uid, long gid, Integer umask, List<Long> additionalGids, String username) {
    public User {
      additionalGids = additionalGids == null ? List.of() : List.copyOf(additionalGids);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Capabilities(
      List<String> bounding,
      List<String> effective,
      List<String> inheritable,
      List<String> permitted,
      List<String> ambient) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Rlimit(String type, long soft, long hard) {}

  public Process withArgs(List<String> a) {
    return new Process(terminal, consoleSize, user, a, env, cwd, capabilities, rlimits,
        noNewPrivileges, oomScoreAdj, apparmorProfile, selinuxLabel);
  }

  public Process withTerminal(boolean t) {
    return new Process(t, consoleSize, user, args, env, cwd, capabilities, rlimits,
        noNewPrivileges, oomScoreAdj, apparmorProfile, selinuxLabel);
  }
}
