package dev.berth.cli.container;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.Cli;
import dev.berth.cli.CliException;
import dev.berth.cli.Errors;
import dev.berth.cli.flags.Command;
import java.util.ArrayList;
import java.util.List;

/** {@code berth create}: the container, not started; prints its id. */
final class Create extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("create").synopsis("[OPTIONS] IMAGE [COMMAND] [ARG...]").description("Create a new container")
        .stopAtPositional();
    flags.define(c);
    c.positionals(args::add);
  }

  CreateFlags flags = new CreateFlags();
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, args, 1);
    com.fasterxml.jackson.databind.node.ObjectNode body;
    try {
      body = ContainerSpec.body(flags, args.get(0), args.subList(1, args.size()), false,
          false, Cli.env(), flags.tty ? Run.consoleSize() : new int[] {0, 0});
    } catch (IllegalArgumentException e) {
      throw Errors.runFailure(spec, e, CliException.DAEMON);
    }
    // unlike run, docker create reports the daemon's refusals plainly, exit 1
    out().println(Creator.create(client(), flags, body, err()));
    return 0;
  }
}
