package dev.berth.runtime.cli;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.Process;
import dev.berth.runtime.CreateOptions;
import dev.berth.runtime.spec.BundleLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "exec", description = "Run another process in a running container.")
final class ExecCommand implements Callable<Integer> {
  @ParentCommand RuntimeCli cli;
  @Option(names = {"-p", "--process"}, description = "process.json") Path processFile;
  @Option(names = {"-t", "--tty"}) boolean tty;
  @Option(names = "--cwd", defaultValue = "/") String cwd;
  @Option(names = {"-e", "--env"}) List<String> env = new ArrayList<>();
  @Option(names = {"-u", "--user"}, description = "uid[:gid]") String user;
  @Option(names = {"-c", "--cap"}) List<String> caps = new ArrayList<>();
  @Option(names = "--no-new-privs") boolean noNewPrivs;
  @Option(names = {"-d", "--detach"}) boolean detach;
  @Option(names = "--pid-file") Path pidFile;
  @Option(names = "--console-socket") Path consoleSocket;
  @Parameters(index = "0", paramLabel = "ID") String id;
  @Parameters(index = "1..*", paramLabel = "COMMAND") List<String> command = new ArrayList<>();

  @Override
  public Integer call() {
    Process p = processFile != null ? readProcess() : fromFlags();
    int r = cli.runtime().exec(id, p,
        CreateOptions.inherit().withPidFile(pidFile).withConsoleSocket(consoleSocket), detach);
    return detach ? 0 : r;
  }

  private Process readProcess() {
    try {
      return BundleLoader.JSON.readValue(Files.readAllBytes(processFile), Process.class);
    } catch (IOException e) {
      throw BerthException.invalid(processFile + ": " + e.getMessage());
    }
  }

  private Process fromFlags() {
    if (command.isEmpty()) throw BerthException.invalid("exec: no command given");
    long uid = 0;
    long gid = 0;
    if (user != null) {
      try {
        String[] ug = user.split(":");
        uid = Long.parseLong(ug[0]);
        gid = ug.length > 1 ? Long.parseLong(ug[1]) : 0;
      } catch (NumberFormatException e) {
        throw BerthException.invalid("--user \"" + user + "\": expected uid[:gid]");
      }
    }
    List<String> e = new ArrayList<>(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    e.addAll(env);
    var c = new Process.Capabilities(caps, caps, null, caps, null);
    return new Process(tty, null, new Process.User(uid, gid, null, null, null), command, e, cwd, c,
        null, noNewPrivs, null, null, null);
  }
}
