package dev.berth.cli.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.Cli;
import dev.berth.cli.CliException;
import dev.berth.cli.ExitStatus;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.terminal.DetachKeys;
import dev.berth.cli.terminal.Terminal;
import dev.berth.client.ApiRequest;
import dev.berth.client.HijackedStream;
import dev.berth.client.Json;
import dev.berth.client.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** {@code berth exec}: a command in a running container; exit with its code. */
final class Exec extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("exec").synopsis("[OPTIONS] CONTAINER COMMAND [ARG...]").description("Execute a command in a running container")
        .stopAtPositional();
    c.add(Flag.bool("-d", "--detach").describe("Detached mode: run command in the background").toBool(v -> detach = v));
    c.add(Flag.bool("-i", "--interactive").describe("Keep STDIN open even if not attached").toBool(v -> interactive = v));
    c.add(Flag.bool("-t", "--tty").describe("Allocate a pseudo-TTY").toBool(v -> tty = v));
    c.add(Flag.value("-e", "--env").label("list").describe("Set environment variables").each(env::add));
    c.add(Flag.value("--env-file").label("list").describe("Read in a file of environment variables").each(envFile::add));
    c.add(Flag.value("-w", "--workdir").label("string").describe("Working directory inside the container").to(v -> workdir = v));
    c.add(Flag.value("-u", "--user").label("string").describe("Username or UID (format: \"<name|uid>[:<group|gid>]\")").to(v -> user = v));
    c.add(Flag.bool("--privileged").describe("Give extended privileges to the command").toBool(v -> privileged = v));
    c.add(Flag.value("--detach-keys").label("string").describe("Override the key sequence for detaching a container").to(v -> detachKeys = v));
    c.positionals(args::add);
  }

  boolean detach;
  boolean interactive;
  boolean tty;
  List<String> env = new ArrayList<>();
  List<String> envFile = new ArrayList<>();
  String workdir;
  String user;
  boolean privileged;
  String detachKeys;
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Args.atLeast(spec, args, 2);
    if (tty && interactive && !detach && !Terminal.stdinIsTerminal()) {
      throw new ExitStatus(CliException.FAILED, "the input device is not a TTY");
    }
    byte[] keys;
    try {
      keys = DetachKeys.parse(detachKeys);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    int[] console = tty && !detach ? Run.consoleSize() : new int[] {0, 0};
    ObjectNode body = Json.object();
    body.put("User", user == null ? "" : user);
    body.put("Privileged", privileged);
    body.put("Tty", tty);
    body.set("ConsoleSize", Json.array().add(console[0]).add(console[1]));
    body.put("AttachStdin", interactive && !detach);
    body.put("AttachStderr", !detach);
    body.put("AttachStdout", !detach);
    body.put("Detach", detach);
    body.put("DetachKeys", detachKeys == null ? "" : detachKeys);
    var envs = new ArrayList<String>();
    for (String f : envFile) {
      envs.addAll(ContainerSpec.readLines(f));
    }
    for (String e : env) {
      envs.add(!e.contains("=") && Cli.env().containsKey(e) ? e + "=" + Cli.env().get(e) : e);
    }
    body.set("Env", envs.isEmpty() ? null : ContainerSpec.strings(envs));
    body.put("WorkingDir", workdir == null ? "" : workdir);
    body.set("Cmd", ContainerSpec.strings(args.subList(1, args.size())));
    String execId = client().post("/containers/" + seg(args.get(0)) + "/exec", Query.NONE, body)
        .path("Id").asText();
    ObjectNode start = Json.object();
    start.put("Detach", detach);
    start.put("Tty", tty);
    start.set("ConsoleSize", body.get("ConsoleSize"));
    String path = "/exec/" + seg(execId);
    if (detach) {
      client().send(ApiRequest.post(path + "/start").json(start)).bytes();
      return 0;
    }
    HijackedStream stream = client().hijack(ApiRequest.post(path + "/start").json(start));
    try {
      if (tty && interactive) {
        Terminal.makeRaw();
      }
      if (tty) {
        Signals.resizeOnWinch(client(), path + "/resize");
      }
      if (new StreamSession(stream, tty, interactive, keys).pump()) {
        // docker exec reports a detach as an error, as docker attach does
        Terminal.restore();
        throw new CliException("read escape sequence");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Terminal.restore();
    }
    return client().get(path + "/json").path("ExitCode").asInt();
  }
}
