package dev.berth.runtime.cli;

import dev.berth.runtime.CreateOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags create and run share: the bundle and how the container's stdio is wired. */
final class CreateFlags {
  @Option(names = {"-b", "--bundle"}, defaultValue = ".") Path bundle;
  @Option(names = "--pid-file") Path pidFile;
  @Option(names = "--console-socket") Path consoleSocket;
  @Option(names = "--container-log", description = "pipe stdio through the shim into this CRI log")
  Path containerLog;
  @Option(names = {"-i", "--interactive"}, description = "with --container-log: keep stdin open for attach")
  boolean interactive;

  CreateOptions options() {
    CreateOptions o = containerLog == null ? CreateOptions.inherit()
        : CreateOptions.piped(containerLog).withStdinOpen(interactive);
    return o.withPidFile(pidFile).withConsoleSocket(consoleSocket);
  }
}
