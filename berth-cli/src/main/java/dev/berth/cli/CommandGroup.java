package dev.berth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command group ({@code berth network}, {@code berth image}, …): given no subcommand, it prints
 * its usage, as docker does. Each group is a subclass carrying its own {@code @Command}.
 */
public abstract class CommandGroup implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }
}
