package dev.berth.cli;

import picocli.CommandLine.Option;

/** {@code --help} on every command (docker has no {@code -h}: run uses it for the hostname). */
public final class HelpOption {
  @Option(names = "--help", usageHelp = true, description = "Print usage")
  boolean help;
}
