package dev.berth.runtime;

import dev.berth.runtime.plan.LaunchContext;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a caller wants a container wired: stdio inherited (the OCI command line) or piped to a
 * log and attach socket (the daemon), a console socket for a terminal, a pid file.
 */
public record CreateOptions(
    LaunchContext.Stdio stdio,
    boolean stdinOpen,
    Optional<LaunchContext.LogFile> log,
    Optional<Path> consoleSocket,
    Optional<Path> pidFile) {

  public static CreateOptions inherit() {
    return new CreateOptions(LaunchContext.Stdio.INHERIT, false, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static CreateOptions piped(Path log) {
    return new CreateOptions(LaunchContext.Stdio.PIPE, false,
        Optional.of(new LaunchContext.LogFile(log, 10 << 20, 3)), Optional.empty(), Optional.empty());
  }

  public CreateOptions withConsoleSocket(Path p) {
    return new CreateOptions(stdio, stdinOpen, log, Optional.ofNullable(p), pidFile);
  }

  /** Pipe mode: keep stdin open until an attach client closes it (docker run -i). */
  public CreateOptions withStdinOpen(boolean open) {
    return new CreateOptions(stdio, open, log, consoleSocket, pidFile);
  }

  public CreateOptions withPidFile(Path p) {
    return new CreateOptions(stdio, stdinOpen, log, consoleSocket, Optional.ofNullable(p));
  }
}
