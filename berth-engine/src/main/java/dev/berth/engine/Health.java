package dev.berth.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's {@code State.Health}: {@code starting} until the first check passes or the retries
 * run out, then {@code healthy} or {@code unhealthy}; the last five results are kept.
 */
public record Health(
    @JsonProperty("Status") String status,
    @JsonProperty("FailingStreak") int failingStreak,
    @JsonProperty("Log") List<Result> log) {

  public Health {
    log = List.copyOf(log);
  }

  /** One probe: when it ran, its exit code and the start of its output. */
  public record Result(
      @JsonProperty("Start") String start,
      @JsonProperty("End") String end,
      @JsonProperty("ExitCode") int exitCode,
      @JsonProperty("Output") String output) {}

  static Health starting() {
    return new Health("starting", 0, List.of());
  }

  /** After a probe: healthy on success; unhealthy after {@code retries} failures in a row. */
  Health after(Result r, int retries, boolean inStartPeriod) {
    List<Result> kept = new ArrayList<>(log);
    kept.add(r);
    while (kept.size() > 5) {
      kept.removeFirst();
    }
    if (r.exitCode() == 0) {
      return new Health("healthy", 0, kept);
    }
    if (inStartPeriod) {
      return new Health(status, failingStreak, kept);
    }
    int streak = failingStreak + 1;
    return new Health(streak >= retries ? "unhealthy" : status, streak, kept);
  }
}
