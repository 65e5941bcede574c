package dev.berth.cli.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.Cli;
import dev.berth.cli.CliException;
import dev.berth.cli.Errors;
import dev.berth.cli.ExitStatus;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.terminal.Terminal;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** {@code berth run}: create (pulling if needed), attach, start, wait; exit as the container. */
final class Run extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("run").synopsis("[OPTIONS] IMAGE [COMMAND] [ARG...]").description("Create and run a new container from an image")
        .stopAtPositional();
    flags.define(c);
    c.add(Flag.bool("-d", "--detach").describe("Run container in background and print container ID").toBool(v -> detach = v));
    c.add(Flag.optionalBool("--sig-proxy").label("<sigProxy>").describe("Proxy received signals to the process (default true)").toBool(v -> sigProxy = v));
    c.add(Flag.value("--detach-keys").label("string").describe("Override the key sequence for detaching a container").to(v -> detachKeys = v));
    c.positionals(args::add);
  }

  CreateFlags flags = new CreateFlags();
  boolean detach;
  boolean sigProxy = true;
  String detachKeys;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, args, 1);
    if (detach && !flags.attach.isEmpty()) {
      throw new CliException(CliException.DAEMON, "berth: Conflicting options: -a and -d");
    }
    if (flags.tty && flags.interactive && !detach && !Terminal.stdinIsTerminal()) {
      throw new ExitStatus(CliException.FAILED, "the input device is not a TTY");
    }
    int[] console = flags.tty && !detach ? consoleSize() : new int[] {0, 0};
    String id;
    ObjectNode body;
    try {
      body = ContainerSpec.body(flags, args.get(0), args.subList(1, args.size()), true, detach,
          Cli.env(), console);
      id = Creator.create(client(), flags, body, err());
    } catch (RuntimeException e) {
      throw Errors.runFailure(spec, e, CliException.DAEMON);
    }
    Runnable start = () -> client().post("/containers/" + seg(id) + "/start", Query.NONE);
    if (detach) {
      try {
        start.run();
      } catch (RuntimeException e) {
        throw StartErrors.of(spec, e);
      }
      out().println(id);
      return 0;
    }
    var plan = new AttachedStart.Plan(id, flags.tty, body.path("AttachStdin").asBoolean(),
        body.path("AttachStdout").asBoolean(), body.path("AttachStderr").asBoolean(), sigProxy,
        detachKeys, flags.autoRemove ? "removed" : "next-exit", false);
    try {
      return AttachedStart.run(client(), plan, () -> {
        try {
          start.run();
        } catch (RuntimeException e) {
          throw StartErrors.of(spec, e);
        }
      });
    } catch (CliException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Errors.runFailure(spec, e, CliException.DAEMON);
    }
  }

  static int[] consoleSize() {
    int[] s = Terminal.size();
    return s == null ? new int[] {0, 0} : s;
  }
}
