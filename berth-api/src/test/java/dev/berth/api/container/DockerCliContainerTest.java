package dev.berth.api.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.TestDaemon;
import dev.berth.api.TestDaemon.Result;
import dev.berth.engine.ContainerEngine;
import java.io.InputStream;
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
 * The real docker CLI (v28) against the container routes: run with and without --rm and -d,
 * ps, logs, exec, stop, kill, rm, pause, inspect, and Docker's errors for missing and
 * conflicting containers.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerCliContainerTest {
  private static final String DOCKER = TestDaemon.DOCKER;

  @TempDir Path tmp;
  private TestDaemon daemon;
  private ContainerEngine engine;
  private Path socket;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(DOCKER)), "needs the docker CLI");
    daemon = TestDaemon.start(tmp);
    engine = daemon.engine;
    socket = daemon.socket;
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  private Result docker(String... args) throws Exception {
    return daemon.docker(args);
  }

  @Test
  void runRemoveAndExitCodes() throws Exception {
    Result r = docker("run", "--rm", "--network", "none", "busybox", "sh", "-c",
        "echo hello; echo oops >&2; exit 3");
    assertThat(r.out()).isEqualTo("hello\n");
    assertThat(r.err()).isEqualTo("oops\n");
    assertThat(r.code()).isEqualTo(3);
    assertThat(engine.list(true)).isEmpty();
  }

  @Test
  void detachedContainerPsLogsExecStopRm() throws Exception {
    Result run = docker("run", "-d", "--name", "web", "--network", "none", "busybox", "sh", "-c",
        "echo started; sleep 300");
    assertThat(run.code()).as(run.err()).isZero();
    String id = run.out().trim();
    assertThat(id).hasSize(64);

    Result ps = docker("ps");
    assertThat(ps.out()).contains("CONTAINER ID", id.substring(0, 12), "busybox", "Up ", "web");
    Result exec = docker("exec", "web", "sh", "-c", "echo in exec; exit 4");
    assertThat(exec.out()).isEqualTo("in exec\n");
    assertThat(exec.code()).isEqualTo(4);
    assertThat(docker("logs", "web").out()).isEqualTo("started\n");
    assertThat(docker("run", "-d", "--name", "counter", "--network", "none", "busybox", "sh",
        "-c", "for i in 1 2 3; do echo line $i; sleep 0.2; done").code()).isZero();
    Result follow = docker("logs", "-f", "counter");
    assertThat(follow.out()).isEqualTo("line 1\nline 2\nline 3\n");
    assertThat(docker("logs", "--tail", "1", "counter").out()).isEqualTo("line 3\n");
    docker("rm", "counter");
    assertThat(docker("inspect", "--format", "{{.State.Status}} {{.Name}} {{.Config.Image}}",
        "web").out()).isEqualTo("running /web busybox\n");
    Result stats = docker("stats", "--no-stream", "--format",
        "{{.Name}} {{.MemUsage}} {{.PIDs}}", "web");
    assertThat(stats.code()).as(stats.err()).isZero();
    assertThat(stats.out()).matches("web [0-9.]+[KMG]iB / [0-9.]+[KMG]iB 1\n");
    assertThat(docker("top", "web").out()).contains("PID", "sleep 300");
    Result update = docker("update", "--memory", "64m", "--memory-swap", "128m", "--pids-limit",
        "50", "web");
    assertThat(update.code()).as(update.err()).isZero();
    assertThat(docker("inspect", "--format", "{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}",
        "web").out()).isEqualTo("67108864 50\n");
    assertThat(docker("stats", "--no-stream", "--format", "{{.MemUsage}}", "web").out())
        .contains("/ 64MiB");
    assertThat(docker("pause", "web").code()).isZero();
    assertThat(docker("ps", "--format", "{{.Status}}").out()).contains("(Paused)");
    assertThat(docker("unpause", "web").code()).isZero();

    Result rmRunning = docker("rm", "web");
    assertThat(rmRunning.code()).isNotZero();
    assertThat(rmRunning.err()).contains("cannot remove container \"/web\": container is"
        + " running");
    assertThat(docker("stop", "-t", "1", "web").out()).isEqualTo("web\n");
    assertThat(docker("ps", "-a", "--format", "{{.Status}}").out()).startsWith("Exited (");
    assertThat(docker("network", "ls").out()).contains("bridge", "host", "none");
    assertThat(docker("volume", "ls").code()).isZero();
    Result df = docker("system", "df");
    assertThat(df.code()).as(df.err()).isZero();
    assertThat(df.out()).contains("Images", "Containers", "Local Volumes");
    assertThat(docker("rm", "web").code()).isZero();
    assertThat(docker("ps", "-aq").out()).isEmpty();
    docker("create", "--network", "none", "busybox", "true");
    Result prune = docker("system", "prune", "-f");
    assertThat(prune.code()).as(prune.err()).isZero();
    assertThat(docker("ps", "-aq").out()).isEmpty();
  }

  @Test
  void eventsRecordTheLifecycle() throws Exception {
    long since = java.time.Instant.now().getEpochSecond() - 1;
    docker("run", "--rm", "--name", "evented", "--network", "none", "busybox", "true");
    long until = java.time.Instant.now().getEpochSecond() + 1;
    Result events = docker("events", "--since", Long.toString(since), "--until",
        Long.toString(until), "--filter", "container=evented");
    assertThat(events.code()).as(events.err()).isZero();
    assertThat(events.out().lines().map(l -> l.split(" ")[2]).toList())
        .containsSubsequence("create", "start", "die", "destroy");
    assertThat(events.out()).contains("container die", "exitCode=0", "name=evented");
    docker("tag", "busybox", "another:1");
    docker("rmi", "another:1");
    Result images = docker("events", "--since", Long.toString(since), "--until",
        Long.toString(java.time.Instant.now().getEpochSecond() + 1), "--filter", "type=image");
    assertThat(images.out()).contains("image tag", "name=another:1", "image untag");
  }

  @Test
  void interactiveTerminalThroughAPty() throws Exception {
    // script(1) gives the CLI a terminal; the container's shell reads what we type
    Process p = new ProcessBuilder("script", "-qec", DOCKER + " -H unix://" + socket
        + " run --rm -it --network none busybox sh -c 'tty; read line; echo got $line; exit 7'",
        "/dev/null").redirectErrorStream(true).start();
    p.getOutputStream().write("hello\n".getBytes(UTF_8));
    p.getOutputStream().flush();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor()).isEqualTo(7);
    assertThat(out).contains("/dev/pts/", "got hello");
  }

  @Test
  void ctrlPCtrlQDetachesAndTheContainerRunsOn() throws Exception {
    assertThat(docker("run", "-dit", "--name", "shell", "--network", "none", "busybox", "sh")
        .code()).isZero();
    Process p = new ProcessBuilder("script", "-qec", DOCKER + " -H unix://" + socket
        + " attach shell", "/dev/null").redirectErrorStream(true).start();
    // typed input reaches the shell; once its answer is back (the CLI's terminal is raw by
    // then, so ctrl-q is no flow control), the detach sequence ends the attach alone
    p.getOutputStream().write("echo typed-$((6*7))\n".getBytes(UTF_8));
    p.getOutputStream().flush();
    StringBuilder seen = new StringBuilder();
    InputStream from = p.getInputStream();
    byte[] buf = new byte[4096];
    for (int n; !seen.toString().contains("typed-42") && (n = from.read(buf)) > 0; ) {
      seen.append(new String(buf, 0, n, UTF_8));
    }
    p.getOutputStream().write(new byte[] {0x10, 0x11});
    p.getOutputStream().flush();
    String out = seen + new String(from.readAllBytes(), UTF_8);
    p.waitFor();
    assertThat(out).contains("typed-42", "read escape sequence");
    assertThat(docker("inspect", "-f", "{{.State.Running}}", "shell").out()).isEqualTo("true\n");
    // a bad sequence is refused before the connection is taken over (the CLI shows only the
    // status of a failed upgrade)
    Result bad = docker("attach", "--no-stdin", "--detach-keys", "ctrl-1", "shell");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("received 400");
  }

  @Test
  void copyBothWays() throws Exception {
    docker("create", "--name", "box", "--network", "none", "busybox", "sh", "-c",
        "cat /in/hello.txt; ls -l /in/sub; cat /etc/passwd | head -1");
    Path local = Files.createDirectories(tmp.resolve("local/sub"));
    Files.writeString(tmp.resolve("local/hello.txt"), "hi there\n");
    Files.writeString(local.resolve("deep"), "deep\n");
    Result in = docker("cp", tmp.resolve("local").toString(), "box:/in");
    assertThat(in.code()).as(in.err()).isZero();
    Result out = docker("cp", "box:/etc/passwd", tmp.resolve("passwd").toString());
    assertThat(out.code()).as(out.err()).isZero();
    assertThat(Files.readString(tmp.resolve("passwd"))).startsWith("root:x:0:0");
    docker("start", "box");
    docker("wait", "box");
    assertThat(docker("logs", "box").out()).startsWith("hi there\n").contains("deep");
    Result missing = docker("cp", "box:/nosuch", tmp.resolve("x").toString());
    assertThat(missing.code()).isNotZero();
    assertThat(missing.err()).contains("Could not find the file /nosuch in container box");
  }

  @Test
  void ulimitsAndLogOptions() throws Exception {
    Result r = docker("run", "--rm", "--network", "none", "--ulimit", "nofile=512:1024",
        "--log-opt", "max-size=2k", "--log-opt", "max-file=2", "busybox", "sh", "-c",
        "ulimit -n; ulimit -Hn");
    assertThat(r.out()).as(r.err()).isEqualTo("512\n1024\n");
    Result bad = docker("create", "--log-driver", "syslog", "busybox", "true");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("log driver syslog is not supported");
    Result badLimit = docker("create", "--ulimit", "nofile=2:1", "busybox", "true");
    assertThat(badLimit.code()).isNotZero();
  }

  @Test
  void debiansDockerPyRunsReadsLogsAndRemoves() throws Exception {
    assumeTrue(Files.exists(Path.of("/usr/lib/python3/dist-packages/docker")),
        "needs python3-docker");
    Path script = tmp.resolve("docker_py_check.py");
    try (var in = getClass().getResourceAsStream("/docker_py_check.py")) {
      Files.copy(in, script);
    }
    Process p = new ProcessBuilder("python3", script.toString(), socket.toString(), "busybox")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).contains("ok");
  }

  @Test
  void initRunsTheCommandUnderASmallPid1() throws Exception {
    Result r = docker("run", "--rm", "--init", "--network", "none", "busybox", "sh", "-c",
        "cat /proc/1/cmdline | tr '\\0' ' '; echo; echo pid $$; exit 5");
    assertThat(r.out()).as(r.err()).startsWith("/sbin/docker-init -- sh -c").contains("pid ");
    assertThat(r.out()).doesNotContain("pid 1\n");
    assertThat(r.code()).isEqualTo(5);
  }

  @Test
  void healthShowsInPsAndInspect() throws Exception {
    Result run = docker("run", "-d", "--name", "checked", "--network", "none",
        "--health-cmd", "true", "--health-interval", "100ms", "busybox", "sleep", "300");
    assertThat(run.code()).as(run.err()).isZero();
    Result events = docker("events", "--filter", "event=health_status: healthy", "--since", "0",
        "--until", Long.toString(java.time.Instant.now().getEpochSecond() + 5));
    assertThat(events.out()).contains("health_status: healthy");
    assertThat(docker("ps", "--format", "{{.Status}}").out()).contains("(healthy)");
    assertThat(docker("inspect", "--format", "{{.State.Health.Status}}", "checked").out())
        .isEqualTo("healthy\n");
  }

  @Test
  void attachToARunningContainerAndStartAttached() throws Exception {
    // it prints once told to, and it is told once the attach is in place: no race
    assertThat(docker("run", "-d", "--name", "later", "--network", "none", "busybox", "sh", "-c",
        "while [ ! -e /tmp/go ]; do sleep 0.05; done; echo late; exit 6").code()).isZero();
    var events = engine.events().subscribe();
    List<String> cmd = List.of(DOCKER, "-H", "unix://" + socket, "attach", "later");
    Process attach = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile())).redirectErrorStream(true).start();
    while (true) {
      var e = events.poll(60, TimeUnit.SECONDS);
      assertThat(e).as("attach event").isNotNull();
      if (e.action().equals("attach")) {
        break;
      }
    }
    engine.events().unsubscribe(events);
    docker("exec", "later", "touch", "/tmp/go");
    assertThat(new String(attach.getInputStream().readAllBytes(), UTF_8)).isEqualTo("late\n");
    assertThat(attach.waitFor()).isEqualTo(6);
    docker("create", "--name", "starter", "--network", "none", "busybox", "sh", "-c",
        "echo from start -a; exit 2");
    Result started = docker("start", "-a", "starter");
    assertThat(started.out()).isEqualTo("from start -a\n");
    assertThat(started.code()).isEqualTo(2);
  }

  @Test
  void commitAndExport() throws Exception {
    assertThat(docker("run", "--name", "maker", "--network", "none", "busybox", "sh", "-c",
        "echo made > /made; rm /etc/group").code()).isZero();
    Result commit = docker("commit", "-c", "ENV COMMITTED=yes", "-m", "by the test", "maker",
        "made:1");
    assertThat(commit.code()).as(commit.err()).isZero();
    assertThat(commit.out()).startsWith("sha256:");
    Result check = docker("run", "--rm", "--network", "none", "made:1", "sh", "-c",
        "cat /made; test -e /etc/group || echo no group; echo $COMMITTED");
    assertThat(check.out()).isEqualTo("made\nno group\nyes\n");
    assertThat(docker("diff", "maker").out()).isEqualTo("C /etc\nD /etc/group\nA /made\n");
    Path tar = tmp.resolve("export.tar");
    assertThat(docker("export", "-o", tar.toString(), "maker").code()).isZero();
    Process list = new ProcessBuilder("tar", "-tf", tar.toString()).start();
    String names = new String(list.getInputStream().readAllBytes(), UTF_8);
    assertThat(names).contains("made", "bin/busybox").doesNotContain("etc/group");
  }

  @Test
  void dockersErrorsForMissingAndConflictingContainers() throws Exception {
    Result missing = docker("logs", "nosuch");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("Error response from daemon: No such container: nosuch");
    docker("create", "--name", "dup", "--network", "none", "busybox", "true");
    Result dup = docker("create", "--name", "dup", "--network", "none", "busybox", "true");
    assertThat(dup.code()).isNotZero();
    assertThat(dup.err()).contains("Conflict. The container name \"/dup\" is already in use");
    // a missing image is pulled first: from a loopback port nobody serves, so nothing leaves
    // the machine
    Result noImage = docker("run", "--rm", "localhost:1/nosuchimage");
    assertThat(noImage.code()).isEqualTo(125);
    assertThat(noImage.err()).contains("nosuchimage");
    docker("create", "--name", "other", "--network", "none", "busybox", "true");
    assertThat(docker("rename", "other", "dup").err()).contains("is already in use");
    assertThat(docker("rename", "other", "third").code()).isZero();
    assertThat(docker("ps", "-a", "--format", "{{.Names}}").out()).contains("third");
    Result killStopped = docker("kill", "dup");
    assertThat(killStopped.err()).contains("is not running");
  }

  @Test
  void aSeccompProfileFileIsApplied() throws Exception {
    Path profile = tmp.resolve("deny-mkdir.json");
    Files.writeString(profile, """
        {"defaultAction": "SCMP_ACT_ALLOW",
         "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}
        """);
    Result r = docker("run", "--rm", "--network", "none", "--security-opt", "seccomp=" + profile,
        "busybox", "sh", "-c", "mkdir /tmp/x; touch /tmp/y && echo touched");
    assertThat(r.err()).contains("Operation not permitted");
    assertThat(r.out()).isEqualTo("touched\n");
    Result bad = docker("create", "--security-opt", "seccomp=" + tmp.resolve("missing.json"),
        "busybox", "true");
    assertThat(bad.code()).isNotZero();
  }
}
