package dev.berth.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Docker's exec create body ({@code POST /containers/{id}/exec}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecConfig(
    @JsonProperty("AttachStdin") boolean attachStdin,
    @JsonProperty("AttachStdout") boolean attachStdout,
    @JsonProperty("AttachStderr") boolean attachStderr,
    @JsonProperty("Tty") boolean tty,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Privileged") boolean privileged,
    @JsonProperty("User") String user,
    @JsonProperty("WorkingDir") String workingDir) {

  public ExecConfig {
    env = env == null ? List.of() : List.copyOf(env);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
  }

  public static ExecConfig of(List<String> cmd) {
    return new ExecConfig(false, true, true, false, null, cmd, false, null, null);
  }
}
