package dev.berth.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Docker's {@code State} of a container. Times are RFC 3339, {@link #ZERO_TIME} when unset, as
 * Go prints a zero time (Testcontainers parses them).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerState(
    @JsonProperty("Status") String status,
    @JsonProperty("Running") boolean running,
    @JsonProperty("Paused") boolean paused,
    @JsonProperty("Restarting") boolean restarting,
    @JsonProperty("OOMKilled") boolean oomKilled,
    @JsonProperty("Dead") boolean dead,
    @JsonProperty("Pid") int pid,
    @JsonProperty("ExitCode") int exitCode,
    @JsonProperty("Error") String error,
    @JsonProperty("StartedAt") String startedAt,
    @JsonProperty("FinishedAt") String finishedAt) {

  public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  public static ContainerState created() {
    return new ContainerState("created", false, false, false, false, false, 0, 0, "", ZERO_TIME,
        ZERO_TIME);
  }

  public ContainerState running(int pid, String at) {
    return new ContainerState("running", true, false, false, false, false, pid, 0, "", at,
        ZERO_TIME);
  }

  public ContainerState exited(int code, boolean oom, String at) {
    return new ContainerState("exited", false, false, false, oom, false, 0, code, "", startedAt,
        at);
  }

  public ContainerState paused(boolean p) {
    return new ContainerState(p ? "paused" : "running", running, p, restarting, oomKilled, dead,
        pid, exitCode, error, startedAt, finishedAt);
  }

  public ContainerState failed(String message, int code) {
    return new ContainerState("created".equals(status) ? "created" : "exited", false, false,
        false, false, false, 0, code, message, startedAt, finishedAt);
  }
}
