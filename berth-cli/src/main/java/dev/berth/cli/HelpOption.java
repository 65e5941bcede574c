package dev.berth.cli;

import dev.berth.cli.flags.Flag;

/** {@code --help} on every command (docker has no {@code -h}: run uses it for the hostname). */
final class HelpOption {
  private HelpOption() {}

  /** The flag as help lists it; the parser answers it before any other. */
  static Flag flag() {
    return Flag.bool("--help").describe("Print usage");
  }
}
