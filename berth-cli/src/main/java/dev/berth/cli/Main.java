package dev.berth.cli;

import dev.berth.cli.container.ContainerCommands;
import dev.berth.cli.image.ImageCommands;
import dev.berth.cli.system.SystemCommands;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** {@code berth}: parse, run one command, print errors the docker way, exit with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // stdout buffered (flushed at exit and by streaming commands); stderr unbuffered
    System.setOut(new PrintStream(new BufferedOutputStream(
        new FileOutputStream(FileDescriptor.out), 64 * 1024), false, StandardCharsets.UTF_8));
    int code = run(args);
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(code);
  }

  /** Runs the command line; returns the exit code. */
  public static int run(String... args) {
    CommandLine cl = commandLine();
    return cl.execute(args);
  }

  public static CommandLine commandLine() {
    CommandLine root = new CommandLine(new Cli());
    root.addSubcommand("help", new CommandLine.HelpCommand());
    ContainerCommands.register(root);
    ImageCommands.register(root);
    SystemCommands.register(root);
    root.setExecutionExceptionHandler(new Errors.Execution());
    root.setParameterExceptionHandler(new Errors.Parameters());
    root.setOut(new java.io.PrintWriter(System.out, true));
    root.getCommandSpec().versionProvider(() -> new String[] {
        "Berth version " + Cli.VERSION + ", build " + Build.commit()});
    Errors.docker(root);
    return root;
  }
}
