package dev.berth.registry.server;

import dev.berth.error.BerthException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code berth-registry serve|gc}: the standalone launcher's entry point. */
@Command(name = "berth-registry", mixinStandardHelpOptions = true,
    subcommands = {ServeCommand.class, GcCommand.class},
    description = "Berth's OCI distribution registry.")
public final class RegistryMain {
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new RegistryMain());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof BerthException be) {
        cmd.getErr().println("berth-registry: " + be.getMessage());
        return 125;
      }
      throw e;
    });
    int code = cli.execute(args);
    System.exit(code);
  }
}
