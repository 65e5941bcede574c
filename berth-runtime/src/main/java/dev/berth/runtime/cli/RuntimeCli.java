package dev.berth.runtime.cli;

import dev.berth.error.BerthException;
import dev.berth.runtime.ContainerRuntime;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `berth-runtime`: the OCI runtime command line, with runc's verbs and flags. */
@Command(name = "berth-runtime", mixinStandardHelpOptions = true, version = "berth-runtime 0.1.0",
    description = "Run containers from OCI bundles.",
    subcommands = {SpecCommand.class, CreateCommand.class, StartCommand.class, StateCommand.class,
        KillCommand.class, DeleteCommand.class, RunCommand.class, ExecCommand.class, PsCommand.class,
        PauseCommand.class, ResumeCommand.class, EventsCommand.class, ListCommand.class})
public final class RuntimeCli {
  @Option(names = "--root", description = "state directory (default /run/berth/runtime)",
      defaultValue = "/run/berth/runtime")
  Path root;

  private ContainerRuntime runtime;

  ContainerRuntime runtime() {
    if (runtime == null) runtime = ContainerRuntime.open(root);
    return runtime;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs one command line; errors print as "berth-runtime: message" with exit status 1. */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new RuntimeCli());
    // `exec ID sh -c …`: options end at the id, as with runc
    cl.getSubcommands().get("exec").setStopAtPositional(true);
    cl.setExecutionExceptionHandler((ex, line, parsed) -> {
      if (ex instanceof BerthException be) {
        line.getErr().println("berth-runtime: " + be.getMessage());
        return 1;
      }
      throw ex;
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("berth-runtime: " + ex.getMessage());
      return 2;
    });
    return cl.execute(args);
  }
}
