package dev.berth.cli.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.cli.Berthd;
import dev.berth.cli.Berthd.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The berth CLI (a child JVM) against a real in-process berthd: run, create/start, ps, logs,
 * exec, stop, rm, inspect, stats, commit, diff, export, and docker's errors and exit codes.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ContainerCommandsTest {
  @TempDir Path tmp;
  private Berthd d;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    d = Berthd.start(tmp);
  }

  @AfterEach
  void stop() throws Exception {
    if (d != null) {
      d.close();
    }
  }

  /** docker's text as berth prints it: the command's own name changes, nothing else. */
  private static String asBerth(String dockerText) {
    return dockerText.replaceAll("(?m)^docker: ", "berth: ").replace("'docker ", "'berth ")
        .replace("Usage:  docker ", "Usage:  berth ")
        .replace("unknown command: docker ", "unknown command: berth ");
  }

  @Test
  void runRemoveKeepsStreamsApartAndExitsWithTheContainersCode() throws Exception {
    Result r = d.berth("run", "--rm", "--network", "none", "busybox", "sh", "-c",
        "echo hello; echo oops >&2; exit 3");
    assertThat(r.out()).isEqualTo("hello\n");
    assertThat(r.err()).isEqualTo("oops\n");
    assertThat(r.code()).isEqualTo(3);
    assertThat(d.engine.list(true)).isEmpty();
  }

  @Test
  void runWithPipedStdinSeesItsEndAndKeepsOutput() throws Exception {
    Result r = d.berthWithInput("one\ntwo\n".getBytes(StandardCharsets.UTF_8), "run", "-i",
        "--rm", "--network", "none", "busybox", "sh", "-c", "cat; echo done");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("one\ntwo\ndone\n");
  }

  @Test
  void detachedContainerPsLogsExecStopRm() throws Exception {
    Result run = d.berth("run", "-d", "--name", "web", "--network", "none", "-e", "GREETING=hi",
        "-l", "tier=front", "busybox", "sh", "-c", "echo started; echo $GREETING; sleep 300");
    assertThat(run.code()).as(run.err()).isZero();
    String id = run.out().trim();
    assertThat(id).hasSize(64);

    Result ps = d.berth("ps");
    assertThat(ps.out()).startsWith("CONTAINER ID   IMAGE     COMMAND").contains(
        id.substring(0, 12), "busybox", "\"sh -c echo started;…\"", "Up ", "web");
    assertThat(d.berth("ps", "-q").out()).isEqualTo(id.substring(0, 12) + "\n");
    assertThat(d.berth("ps", "--no-trunc", "--format", "{{.ID}} {{.Label \"tier\"}}").out())
        .isEqualTo(id + " front\n");

    Result exec = d.berth("exec", "web", "sh", "-c", "echo in exec; echo bad >&2; exit 4");
    assertThat(exec.out()).isEqualTo("in exec\n");
    assertThat(exec.err()).isEqualTo("bad\n");
    assertThat(exec.code()).isEqualTo(4);
    assertThat(d.berth("exec", "-e", "X=1", "-w", "/tmp", "web", "sh", "-c", "echo $X $PWD")
        .out()).isEqualTo("1 /tmp\n");
    assertThat(d.berth("logs", "web").out()).isEqualTo("started\nhi\n");
    assertThat(d.berth("logs", "--tail", "1", "web").out()).isEqualTo("hi\n");

    assertThat(d.berth("run", "-d", "--name", "counter", "--network", "none", "busybox", "sh",
        "-c", "for i in 1 2 3; do echo line $i; sleep 0.2; done").code()).isZero();
    assertThat(d.berth("logs", "-f", "counter").out()).isEqualTo("line 1\nline 2\nline 3\n");
    assertThat(d.berth("wait", "counter").out()).isEqualTo("0\n");

    Result stop = d.berth("stop", "-t", "1", "web");
    assertThat(stop.out()).isEqualTo("web\n");
    assertThat(d.berth("ps", "-a", "--filter", "name=web", "--format", "{{.State}}").out())
        .isEqualTo("exited\n");
    assertThat(d.berth("rm", "web", "counter").out()).isEqualTo("web\ncounter\n");
    assertThat(d.engine.list(true)).isEmpty();
  }

  @Test
  void createThenStartAttachedAndRestartPauseKill() throws Exception {
    Result created = d.berth("create", "--name", "c1", "--network", "none", "busybox", "sh",
        "-c", "echo from-start; exit 7");
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out().trim()).hasSize(64);
    Result started = d.berth("start", "-a", "c1");
    assertThat(started.err()).isEmpty();
    assertThat(started.out()).isEqualTo("from-start\n");
    assertThat(started.code()).isEqualTo(7);

    assertThat(d.berth("run", "-d", "--name", "sleeper", "--network", "none", "busybox", "sleep",
        "300").code()).isZero();
    assertThat(d.berth("pause", "sleeper").out()).isEqualTo("sleeper\n");
    assertThat(d.berth("inspect", "-f", "{{.State.Status}}", "sleeper").out()).isEqualTo("paused\n");
    assertThat(d.berth("unpause", "sleeper").out()).isEqualTo("sleeper\n");
    assertThat(d.berth("restart", "-t", "0", "sleeper").out()).isEqualTo("sleeper\n");
    assertThat(d.berth("kill", "sleeper").out()).isEqualTo("sleeper\n");
    assertThat(d.berth("inspect", "-f", "{{.State.Running}}", "sleeper").out()).isEqualTo("false\n");
    assertThat(d.berth("rename", "sleeper", "renamed").code()).isZero();
    assertThat(d.berth("inspect", "-f", "{{.Name}}", "renamed").out()).isEqualTo("/renamed\n");
  }

  @Test
  void errorsForMissingAndConflictingContainersReadAsDockersDo() throws Exception {
    assumeTrue(Files.isExecutable(Path.of(Berthd.DOCKER)), "needs the docker CLI");
    assertThat(d.berth("run", "-d", "--name", "dup", "--network", "none", "busybox", "sleep",
        "300").code()).isZero();
    String[][] cases = {
        {"rm", "nosuch"}, {"start", "nosuch"}, {"stop", "nosuch"}, {"logs", "nosuch"},
        {"exec", "nosuch", "ls"}, {"inspect", "nosuch"}, {"rm", "dup"}, {"kill", "nosuch"},
        {"run", "--name", "dup", "--network", "none", "busybox", "true"},
        {"rename", "nosuch", "x"}, {"wait", "nosuch"}, {"rm", "-f", "nosuch"},
        {"container", "inspect", "nosuch"}, {"cp", "a", "b"},
        {"inspect", "-f", "{{.Nope}}", "dup"}, {"inspect", "-f", "{{.Name", "dup"},
        {"inspect", "-f", "{{.Name}} {{.Config.Cmd}}", "dup", "busybox"},
        {"port", "dup", "80"}, {"logs", "--since", "nonsense", "dup"},
        {"ps", "--format", "{{.Nope}}"},
        // a missing image is pulled first; loopback only, so no pull leaves the machine
        {"run", "--network", "none", "localhost:1/nosuch:1"},
        {"create", "--name", "dup", "busybox"}, {"create", "-p", "abc", "busybox"},
        {"create", "localhost:1/nosuch:1"},
    };
    for (String[] c : cases) {
      Result docker = d.docker(c);
      Result berth = d.berth(c);
      assertThat(berth.err()).as(String.join(" ", c))
          .isEqualTo(asBerth(docker.err()));
      assertThat(berth.out()).as(String.join(" ", c)).isEqualTo(docker.out());
      assertThat(berth.code()).as(String.join(" ", c)).isEqualTo(docker.code());
    }
  }

  @Test
  void usageErrorsAreDockersAndFlagErrorsExit125() throws Exception {
    assumeTrue(Files.isExecutable(Path.of(Berthd.DOCKER)), "needs the docker CLI");
    String[][] cases = {
        {"run"}, {"run", "--foo", "busybox"}, {"ps", "--bad"}, {"ps", "extra"}, {"logs"},
        {"run", "-m", "abc", "busybox"}, {"kill", "-s"}, {"port"}, {"rename", "a"},
        {"exec", "x"}, {"frob"}, {"run", "-p", "abc", "busybox"}, {"commit"},
        {"container", "prune", "a"},
    };
    for (String[] c : cases) {
      Result docker = d.docker(c);
      Result berth = d.berth(c);
      assertThat(berth.err()).as(String.join(" ", c))
          .isEqualTo(asBerth(docker.err()));
      assertThat(berth.code()).as(String.join(" ", c)).isEqualTo(docker.code());
    }
    assertThat(d.berth("run", "--foo", "busybox").code()).isEqualTo(125);
  }

  @Test
  void psColumnsMatchTheDockerCli() throws Exception {
    assumeTrue(Files.isExecutable(Path.of(Berthd.DOCKER)), "needs the docker CLI");
    assertThat(d.berth("run", "-d", "--name", "a-rather-long-name", "--network", "none",
        "busybox", "sh", "-c", "sleep 300").code()).isZero();
    assertThat(d.berth("create", "--name", "made", "--network", "none", "busybox", "echo",
        "this command is longer than twenty").code()).isZero();
    for (String[] args : new String[][] {{"ps", "-a", "--format",
        // State, not Status: "Up 1 second" can tick between the two runs
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.State}}\t{{.Ports}}\t{{.Names}}"},
        {"ps", "-a", "--no-trunc", "--format", "table {{.ID}}\t{{.Command}}\t{{.Names}}"},
        {"ps", "-a", "-q"}, {"ps", "-n", "1", "--format", "{{.Names}} {{.State}}"},
        {"ps", "-a", "--format", "{{json .Names}}"}}) {
      assertThat(d.berth(args).out()).as(String.join(" ", args))
          .isEqualTo(d.docker(args).out());
    }
    // the default table: same header, same column starts; a status can tick between the two
    // runs ("Up 1 second", "Up 2 seconds") and widen its column, so a differing pair runs again
    String berthHeader = "";
    String dockerHeader = null;
    for (int attempt = 0; attempt < 3 && !berthHeader.equals(dockerHeader); attempt++) {
      berthHeader = d.berth("ps", "-a").out().lines().findFirst().orElseThrow();
      dockerHeader = d.docker("ps", "-a").out().lines().findFirst().orElseThrow();
    }
    assertThat(berthHeader.indexOf("NAMES")).isEqualTo(dockerHeader.indexOf("NAMES"));
    assertThat(berthHeader.replaceAll(" +", " ")).isEqualTo(dockerHeader.replaceAll(" +", " "));
  }

  @Test
  void inspectPrintsDockersJsonAndTemplates() throws Exception {
    assertThat(d.berth("run", "-d", "--name", "web", "--network", "none", "--memory", "64m",
        "busybox", "sleep", "300").code()).isZero();
    assertThat(d.berth("inspect", "--format", "{{.State.Status}} {{.Name}} {{.Config.Image}}",
        "web").out()).isEqualTo("running /web busybox\n");
    assertThat(d.berth("inspect", "-f", "{{.HostConfig.Memory}}", "web").out())
        .isEqualTo("67108864\n");
    assertThat(d.berth("inspect", "--type", "image", "-f", "{{.Config.Cmd}}", "busybox").out())
        .isEqualTo("[sh]\n");
    Result json = d.berth("inspect", "web");
    assertThat(json.out()).startsWith("[\n    {\n        \"Id\": ");
    if (Files.isExecutable(Path.of(Berthd.DOCKER))) {
      assertThat(json.out()).isEqualTo(d.docker("inspect", "web").out());
    }
  }

  @Test
  void statsNoStreamShowsMemoryAgainstTheLimit() throws Exception {
    assertThat(d.berth("run", "-d", "--name", "web", "--network", "none", "-m", "64m",
        "busybox", "sleep", "300").code()).isZero();
    Result stats = d.berth("stats", "--no-stream", "--format",
        "{{.Name}} {{.MemUsage}} {{.PIDs}}", "web");
    assertThat(stats.code()).as(stats.err()).isZero();
    assertThat(stats.out()).matches("web [0-9.]+[KMG]?i?B / 64MiB 1\n");
    Result table = d.berth("stats", "--no-stream");
    assertThat(table.out()).startsWith("CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT")
        .contains(" web ");
  }

  @Test
  void commitDiffAndExport() throws Exception {
    Result made = d.berth("run", "--name", "writer", "--network", "none", "busybox", "sh", "-c",
        "echo data > /made.txt");
    assertThat(made.code()).as(made.err()).isZero();
    assertThat(d.berth("diff", "writer").out()).contains("A /made.txt\n");
    Result commit = d.berth("commit", "-m", "with a file", "-c", "CMD [\"cat\", \"/made.txt\"]",
        "writer", "made:1");
    assertThat(commit.code()).as(commit.err()).isZero();
    assertThat(commit.out()).startsWith("sha256:");
    assertThat(d.berth("run", "--rm", "--network", "none", "made:1").out()).isEqualTo("data\n");
    Path tar = tmp.resolve("w.tar");
    Result export = d.berth("export", "-o", tar.toString(), "writer");
    assertThat(export.code()).as(export.err()).isZero();
    Process list = new ProcessBuilder("tar", "-tf", tar.toString()).start();
    String names = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(list.waitFor()).isZero();
    assertThat(names.lines()).contains("made.txt", "bin/busybox");
  }

  @Test
  void topUpdateCidfileAttachFlagsAndPrune() throws Exception {
    Path cid = tmp.resolve("cid");
    Result run = d.berth("run", "-d", "--cidfile", cid.toString(), "--name", "web",
        "--network", "none", "busybox", "sleep", "300");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(Files.readString(cid)).isEqualTo(run.out().trim());
    Result again = d.berth("run", "-d", "--cidfile", cid.toString(), "busybox", "true");
    assertThat(again.code()).isEqualTo(125);
    assertThat(again.err()).startsWith("berth: container ID file found");

    assertThat(d.berth("top", "web").out()).startsWith("UID").contains("PID", "sleep 300");
    Result update = d.berth("update", "--memory", "64m", "--memory-swap", "128m",
        "--pids-limit", "50", "web");
    assertThat(update.code()).as(update.err()).isZero();
    assertThat(update.out()).isEqualTo("web\n");
    assertThat(d.berth("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}",
        "web").out()).isEqualTo("67108864 50\n");
    assertThat(d.berth("update", "web").code()).isEqualTo(1);
    assertThat(d.berth("port", "web").out()).isEmpty();

    Result onlyErr = d.berth("run", "--rm", "-a", "stderr", "--network", "none", "busybox",
        "sh", "-c", "echo out; echo err >&2");
    assertThat(onlyErr.out()).isEmpty();
    assertThat(onlyErr.err()).isEqualTo("err\n");

    assertThat(d.berth("run", "--name", "done1", "--network", "none", "busybox", "true")
        .code()).isZero();
    String doneId = d.berth("inspect", "-f", "{{.Id}}", "done1").out().trim();
    Result prune = d.berth("container", "prune", "-f");
    assertThat(prune.code()).as(prune.err()).isZero();
    assertThat(prune.out()).startsWith("Deleted Containers:\n").contains(doneId + "\n")
        .contains("\nTotal reclaimed space: ");
    assertThat(d.berth("container", "ls", "-a", "--format", "{{.Names}}").out())
        .isEqualTo("web\n");
  }

  @Test
  void createBodiesAreTheDockerClis() throws Exception {
    assumeTrue(Files.isExecutable(Path.of(Berthd.DOCKER)), "needs the docker CLI");
    String[][] cases = {
        {"create", "-p", "8080:80", "-e", "A=B", "-m", "64m", "--restart", "always", "-v",
            "/tmp:/t:ro", "--network", "none", "-l", "k=v", "-w", "/w", "-u", "1",
            "busybox", "sh", "-c", "true"},
        {"create", "-it", "--rm", "--cpus", "0.5", "--pids-limit", "9", "--entrypoint", "",
            "--health-cmd", "true", "--health-interval", "5s", "busybox"},
        {"create", "-a", "stdout", "--tmpfs", "/run", "--cap-add", "NET_ADMIN", "--init",
            "--ulimit", "nofile=10:20", "--stop-signal", "TERM", "--dns", "1.1.1.1",
            "--add-host", "h:10.0.0.1", "busybox"},
    };
    try (var proxy = new dev.berth.cli.RecordingProxy(d.execRoot.resolve("p.sock"), d.socket)) {
      for (String[] c : cases) {
        proxy.clear();
        Result docker = Berthd.run(withHost(List.of(Berthd.DOCKER), proxy.host(), c), null,
            java.util.Map.of());
        var dockerBody = createBody(proxy.recorded());
        proxy.clear();
        Result berth = Berthd.run(Berthd.javaCommand(withHost(List.of(), proxy.host(), c)),
            null, java.util.Map.of());
        // the daemon may refuse a combination (ports on network none): both CLIs alike
        assertThat(berth.code()).as(berth.err()).isEqualTo(docker.code());
        // ConsoleSize follows the terminal, which neither has here
        assertThat(createBody(proxy.recorded())).as(String.join(" ", c))
            .isEqualTo(dockerBody);
      }
    }
  }

  private static List<String> withHost(List<String> head, String host, String[] args) {
    var l = new java.util.ArrayList<>(head);
    l.addAll(List.of("-H", host));
    l.addAll(List.of(args));
    return l;
  }

  private static com.fasterxml.jackson.databind.JsonNode createBody(String wire)
      throws Exception {
    int at = wire.indexOf("POST /v1.44/containers/create");
    assertThat(at).as(wire).isNotNegative();
    int body = wire.indexOf("\r\n\r\n", at) + 4;
    try (var parser = dev.berth.client.Json.mapper().createParser(wire.substring(body))) {
      return dev.berth.client.Json.mapper().readTree(parser);
    }
  }
}
