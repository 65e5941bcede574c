package dev.berth.api.volume;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.api.http.HttpServer;
import dev.berth.api.http.ListenAddress;
import dev.berth.engine.ContainerEngine;
import dev.berth.image.ImageService;
import dev.berth.image.ImportOptions;
import dev.berth.image.Trees;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI (v28) against berthd's routes: volume create, ls, inspect, rm, prune with
 * their filters and Docker's messages; run with -v, --mount, --volumes-from, an image's VOLUME,
 * and rm -v.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DockerCliVolumeTest {
  private static final Path TOP = Path.of(System.getProperty("berth.top", "."));
  private static final String DOCKER = "/usr/local/bin/docker";
  private static Path rootfsTar;

  @TempDir Path tmp;
  private Path execRoot;
  private Path root;
  private ImageService images;
  private ContainerEngine engine;
  private HttpServer server;
  private Path socket;

  @BeforeAll
  static void fixture() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(DOCKER)), "needs the docker CLI");
    rootfsTar = Files.createTempFile("busybox", ".tar");
    Process p = new ProcessBuilder(TOP.resolve("scripts/fixtures/busybox-rootfs.sh").toString(),
        rootfsTar.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }

  @AfterAll
  static void dropFixture() throws Exception {
    if (rootfsTar != null) {
      Files.deleteIfExists(rootfsTar);
    }
  }

  @BeforeEach
  void start() throws Exception {
    root = tmp.resolve("root");
    images = ImageService.open(root);
    try (InputStream in = Files.newInputStream(rootfsTar)) {
      images.importImage(in, new ImportOptions("busybox", List.of("CMD [\"sh\"]"), null, null,
          "-"));
    }
    execRoot = Files.createDirectory(Path.of("/run/bv" + Long.toHexString(System.nanoTime())
        .substring(0, 6)));
    open();
  }

  private void open() {
    engine = ContainerEngine.open(root, execRoot, images);
    socket = execRoot.resolve("b.sock");
    server = HttpServer.start(dev.berth.api.Daemon.routes(images, engine, root),
        List.of(new ListenAddress.Unix(socket)), null);
  }

  private void closeDaemon() {
    if (server != null) {
      server.close();
      server = null;
    }
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    try {
      if (engine != null) {
        for (var c : engine.list(true)) {
          engine.remove(c.id(), true, true);
        }
        for (var v : engine.volumes().list(java.util.Map.of())) {
          engine.volumes().remove(v.name(), true);
        }
        engine.close();
      }
    } finally {
      if (images != null) {
        images.close();
      }
      if (execRoot != null) {
        Trees.deleteRecursively(execRoot);
      }
    }
  }

  private record Result(int code, String out, String err) {}

  private Result docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(DOCKER, "-H", "unix://" + socket));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile())).redirectError(tmp.resolve("err").toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    int code = p.waitFor();
    return new Result(code, new String(out, UTF_8), Files.readString(tmp.resolve("err")));
  }

  private String ok(String... args) throws Exception {
    Result r = docker(args);
    assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
    return r.out();
  }

  @Test
  void createLsInspectRmWithDockersMessages() throws Exception {
    assertThat(ok("volume", "create", "--label", "team=a", "--label", "tier", "data1"))
        .isEqualTo("data1\n");
    assertThat(ok("volume", "create", "data2")).isEqualTo("data2\n");
    String generated = ok("volume", "create").trim();
    assertThat(generated).matches("[0-9a-f]{64}");
    // a second create of the same name answers with the volume as it is
    assertThat(ok("volume", "create", "data2")).isEqualTo("data2\n");

    // listed in name order: where the random name falls depends on its first digit
    assertThat(ok("volume", "ls", "-q")).isEqualTo(String.join("\n",
        java.util.stream.Stream.of(generated, "data1", "data2").sorted().toList()) + "\n");
    assertThat(ok("volume", "ls", "--format", "{{.Driver}} {{.Name}}", "--filter",
        "label=team=a")).isEqualTo("local data1\n");
    assertThat(ok("volume", "ls", "-q", "--filter", "label=tier")).isEqualTo("data1\n");
    assertThat(ok("volume", "ls", "-q", "--filter", "name=data")).isEqualTo("data1\ndata2\n");
    assertThat(ok("volume", "ls", "-q", "--filter", "driver=local", "--filter", "name=ta2"))
        .isEqualTo("data2\n");
    Result badFilter = docker("volume", "ls", "--filter", "colour=red");
    assertThat(badFilter.code()).isNotZero();
    assertThat(badFilter.err()).contains("invalid filter 'colour'");

    assertThat(ok("volume", "inspect", "--format",
        "{{.Name}} {{.Driver}} {{.Scope}} {{.Mountpoint}} {{.Labels.team}}", "data1"))
        .isEqualTo("data1 local local " + root.resolve("volumes/data1/_data") + " a\n");
    assertThat(Files.isDirectory(root.resolve("volumes/data1/_data"))).isTrue();
    assertThat(ok("volume", "inspect", "--format", "{{.CreatedAt}}", "data1").trim())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    Result missing = docker("volume", "inspect", "nope");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("get nope: no such volume");
    Result rmMissing = docker("volume", "rm", "nope");
    assertThat(rmMissing.code()).isEqualTo(1);
    assertThat(rmMissing.err()).contains("get nope: no such volume");
    assertThat(docker("volume", "rm", "-f", "nope").code()).isZero();
    Result badName = docker("volume", "create", "bad/name");
    assertThat(badName.code()).isNotZero();
    assertThat(badName.err()).contains("create bad/name: \"bad/name\" includes invalid"
        + " characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed");
    Result badOpt = docker("volume", "create", "-o", "colour=red", "v3");
    assertThat(badOpt.err()).contains("create v3: invalid option: \"colour\"");
    Result noDevice = docker("volume", "create", "-o", "type=tmpfs", "v3");
    assertThat(noDevice.err()).contains("create v3: missing required option: \"device\"");
    Result plugin = docker("volume", "create", "-d", "flocker", "v3");
    assertThat(plugin.code()).isNotZero();
    assertThat(plugin.err()).contains("plugin \"flocker\" not found");
    assertThat(ok("volume", "ls", "-q")).doesNotContain("v3");

    assertThat(ok("volume", "rm", "data1", generated)).isEqualTo("data1\n" + generated + "\n");
    assertThat(Files.exists(root.resolve("volumes/data1"))).isFalse();
    assertThat(ok("volume", "ls", "-q")).isEqualTo("data2\n");
  }

  @Test
  void runWithANamedVolumeKeepsItsDataAcrossContainersAndRestarts() throws Exception {
    ok("run", "--name", "writer", "--network", "none", "-v", "store:/data", "busybox", "sh",
        "-c", "echo kept > /data/file");
    assertThat(ok("volume", "ls", "-q")).isEqualTo("store\n");
    assertThat(ok("inspect", "--format",
        "{{range .Mounts}}{{.Type}} {{.Name}} {{.Source}} {{.Destination}} {{.Driver}}"
            + " {{.Mode}} {{.RW}}{{end}}", "writer"))
        .isEqualTo("volume store " + root.resolve("volumes/store/_data") + " /data local z"
            + " true\n");

    // in use by a container, running or not
    Result inUse = docker("volume", "rm", "store");
    assertThat(inUse.code()).isEqualTo(1);
    String writer = ok("inspect", "--format", "{{.Id}}", "writer").trim();
    assertThat(inUse.err()).contains("remove store: volume is in use - [" + writer + "]");
    assertThat(ok("volume", "ls", "-q", "--filter", "dangling=true")).isEmpty();

    ok("rm", "-v", "writer"); // -v takes anonymous volumes only: a named one stays
    assertThat(ok("volume", "ls", "-q", "--filter", "dangling=true")).isEqualTo("store\n");
    closeDaemon();
    open();
    assertThat(ok("run", "--rm", "--network", "none", "-v", "store:/d:ro", "busybox", "sh", "-c",
        "cat /d/file; touch /d/x 2>/dev/null || echo read-only")).isEqualTo("kept\nread-only\n");
    assertThat(ok("run", "--rm", "--network", "none", "--mount",
        "type=volume,src=store,dst=/m,readonly", "busybox", "sh", "-c",
        "cat /m/file; touch /m/x 2>/dev/null || echo read-only")).isEqualTo("kept\nread-only\n");
    ok("volume", "rm", "store");
    assertThat(Files.exists(root.resolve("volumes/store"))).isFalse();
  }

  @Test
  void anImagesContentIsCopiedIntoANewVolumeAndItsVolumeIsAnonymous() throws Exception {
    ok("run", "--name", "maker", "--network", "none", "busybox", "sh", "-c",
        "mkdir -p /data/sub && echo from-image > /data/sub/file && chown 1000:1000 /data/sub/file"
            + " && chmod 640 /data/sub/file && ln -s sub/file /data/link && chmod 750 /data");
    ok("commit", "--change", "VOLUME /data", "maker", "withvol");
    ok("rm", "maker");

    String check = "stat -c '%u:%g %a' /data/sub/file; stat -c '%a' /data; readlink /data/link;"
        + " cat /data/link";
    assertThat(ok("run", "--rm", "--network", "none", "-v", "seeded:/data", "withvol", "sh",
        "-c", check)).isEqualTo("1000:1000 640\n750\nsub/file\nfrom-image\n");
    // not empty any more: nothing is copied over what is there
    assertThat(ok("run", "--rm", "--network", "none", "-v", "seeded:/data", "withvol", "sh",
        "-c", "rm /data/sub/file; ls /data/sub | wc -l")).isEqualTo("0\n");
    assertThat(ok("run", "--rm", "--network", "none", "-v", "seeded:/data", "withvol", "sh",
        "-c", "ls /data/sub | wc -l")).isEqualTo("0\n");
    // nocopy: the volume stays empty
    assertThat(ok("run", "--rm", "--network", "none", "-v", "bare:/data:nocopy", "withvol",
        "ls", "-A", "/data")).isEmpty();

    // the image's VOLUME gets an anonymous volume, with the image's content
    ok("run", "--name", "anon", "--network", "none", "withvol", "sh", "-c",
        "cat /data/sub/file; echo mine > /data/mine");
    String anon = ok("inspect", "--format", "{{range .Mounts}}{{.Name}}{{end}}", "anon").trim();
    assertThat(anon).matches("[0-9a-f]{64}");
    assertThat(ok("logs", "anon")).isEqualTo("from-image\n");
    assertThat(ok("volume", "inspect", "--format", "{{json .Labels}}", anon))
        .contains("com.docker.volume.anonymous");
    // prune takes unused anonymous volumes only, and this one is still used
    assertThat(ok("volume", "prune", "-f")).doesNotContain(anon);
    ok("rm", "-v", "anon");
    assertThat(ok("volume", "ls", "-q")).doesNotContain(anon).contains("seeded", "bare");

    // run --rm removes its anonymous volume; -v /path makes one too
    ok("run", "--rm", "--network", "none", "-v", "/scratch", "busybox", "true");
    assertThat(ok("volume", "ls", "-q")).isEqualTo("bare\nseeded\n");

    ok("create", "--name", "leaves", "--network", "none", "-v", "/scratch", "busybox", "true");
    ok("rm", "leaves");
    String left = ok("volume", "ls", "-q", "--filter", "dangling=true");
    assertThat(left.lines()).hasSize(3);
    String pruned = ok("volume", "prune", "-f");
    assertThat(pruned).contains("Deleted Volumes:").doesNotContain("seeded").doesNotContain(
        "bare");
    assertThat(ok("volume", "ls", "-q")).isEqualTo("bare\nseeded\n");
    assertThat(ok("volume", "prune", "-af")).contains("seeded", "bare");
    assertThat(ok("volume", "ls", "-q")).isEmpty();
  }

  @Test
  void bindsTmpfsMountsAndVolumesFrom() throws Exception {
    Path host = Files.createDirectories(tmp.resolve("host"));
    Files.writeString(host.resolve("in"), "from host\n");
    assertThat(ok("run", "--rm", "--network", "none", "-v", host + ":/h", "busybox", "sh", "-c",
        "cat /h/in; echo back > /h/out")).isEqualTo("from host\n");
    assertThat(Files.readString(host.resolve("out"))).isEqualTo("back\n");
    assertThat(ok("run", "--rm", "--network", "none", "--mount",
        "type=bind,src=" + host + ",dst=/b,readonly", "busybox", "sh", "-c",
        "cat /b/in; touch /b/x 2>/dev/null || echo read-only"))
        .isEqualTo("from host\nread-only\n");
    Result noSource = docker("run", "--rm", "--network", "none", "--mount",
        "type=bind,src=" + host.resolve("absent") + ",dst=/b", "busybox", "true");
    assertThat(noSource.code()).isEqualTo(125);
    assertThat(noSource.err()).contains("invalid mount config for type \"bind\": bind source"
        + " path does not exist: " + host.resolve("absent"));
    // -v makes a missing host directory
    assertThat(ok("run", "--rm", "--network", "none", "-v", host.resolve("made") + ":/m",
        "busybox", "true")).isEmpty();
    assertThat(Files.isDirectory(host.resolve("made"))).isTrue();
    Result dup = docker("run", "--rm", "--network", "none", "-v", "a1:/d", "-v", "a2:/d",
        "busybox", "true");
    assertThat(dup.code()).isEqualTo(125);
    assertThat(dup.err()).contains("Duplicate mount point: /d");

    assertThat(ok("run", "--rm", "--network", "none", "--mount",
        "type=tmpfs,dst=/t,tmpfs-size=1m,tmpfs-mode=1770", "busybox", "sh", "-c",
        "grep ' /t ' /proc/mounts | cut -d' ' -f3,4; stat -c %a /t"))
        .matches("tmpfs rw,nosuid,nodev,noexec,relatime,size=1024k,mode=1770\n1770\n");

    ok("create", "--name", "source", "--network", "none", "-v", "shared:/shared", "-v",
        host + ":/h", "busybox", "true");
    assertThat(ok("run", "--rm", "--network", "none", "--volumes-from", "source", "busybox",
        "sh", "-c", "echo s > /shared/s; cat /h/in")).isEqualTo("from host\n");
    assertThat(ok("run", "--rm", "--network", "none", "--volumes-from", "source:ro", "busybox",
        "sh", "-c", "cat /shared/s; touch /shared/x 2>/dev/null || echo read-only"))
        .isEqualTo("s\nread-only\n");
    // --pull never: on any 404 the docker CLI would otherwise go to Docker Hub for the image
    Result noContainer = docker("run", "--rm", "--pull", "never", "--network", "none",
        "--volumes-from", "ghost", "busybox", "true");
    assertThat(noContainer.code()).isEqualTo(125);
    assertThat(noContainer.err()).contains("No such container: ghost");
  }

  @Test
  void aTmpfsVolumeIsMountedOnlyWhileAContainerUsesIt() throws Exception {
    ok("volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=2m", "mem");
    Path data = root.resolve("volumes/mem/_data");
    assertThat(mounts(data)).isEmpty();
    ok("run", "-d", "--name", "one", "--network", "none", "-v", "mem:/m", "busybox", "sleep",
        "300");
    ok("run", "-d", "--name", "two", "--network", "none", "-v", "mem:/m", "busybox", "sleep",
        "300");
    assertThat(mounts(data)).containsExactly("tmpfs");
    assertThat(ok("exec", "one", "sh", "-c", "echo x > /m/f; df -k /m | tail -1 | awk '{print"
        + " $2}'")).isEqualTo("2048\n");
    assertThat(ok("exec", "two", "cat", "/m/f")).isEqualTo("x\n");
    ok("stop", "-t", "0", "one");
    assertThat(mounts(data)).containsExactly("tmpfs");
    ok("stop", "-t", "0", "two");
    assertThat(mounts(data)).isEmpty();
    assertThat(ok("volume", "inspect", "--format", "{{.Options.type}} {{.Options.o}}", "mem"))
        .isEqualTo("tmpfs size=2m\n");
  }

  @Test
  void systemDfAndEventsShowVolumes() throws Exception {
    long since = java.time.Instant.now().getEpochSecond() - 1;
    ok("run", "--name", "user", "--network", "none", "-v", "sized:/s", "busybox", "sh", "-c",
        "printf 123456 > /s/f");
    assertThat(ok("system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}} {{.Size}}"))
        .contains("Local Volumes 1 1 6B\n");
    assertThat(ok("system", "df", "-v")).containsPattern("sized\\s+1\\s+6B");
    ok("rm", "user");
    ok("volume", "rm", "sized");
    String events = ok("events", "--since", Long.toString(since), "--until",
        Long.toString(java.time.Instant.now().getEpochSecond() + 1), "--filter", "type=volume",
        "--format", "{{.Action}} {{.Actor.ID}} {{.Actor.Attributes.driver}}");
    assertThat(events.lines()).containsExactly("create sized local", "mount sized local",
        "destroy sized local");
  }

  @Test
  void composeDownVLeavesNoVolumeBehind() throws Exception {
    Path compose = Path.of("/usr/bin/docker-compose");
    assumeTrue(Files.isExecutable(compose), "needs docker-compose");
    Path project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(project.resolve("docker-compose.yml"), """
        version: "3.8"
        services:
          app:
            image: busybox
            network_mode: none
            command: sh -c "echo hi > /data/f; sleep 300"
            volumes: [appdata:/data, /anon]
        volumes:
          appdata:
            labels: {team: a}
        """);
    assertThat(compose(project, compose, "up", "-d")).isZero();
    assertThat(ok("volume", "ls", "-q", "--filter", "label=team=a")).isEqualTo("proj_appdata\n");
    assertThat(ok("volume", "ls", "-q").lines()).hasSize(2);
    assertThat(compose(project, compose, "down", "-v")).isZero();
    assertThat(ok("volume", "ls", "-q")).isEmpty();
    assertThat(ok("ps", "-aq")).isEmpty();
  }

  private int compose(Path project, Path compose, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(compose.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("compose.log").toFile());
    pb.environment().put("DOCKER_HOST", "unix://" + socket);
    return pb.start().waitFor();
  }

  /** The file system types mounted exactly at {@code p}. */
  private static List<String> mounts(Path p) throws Exception {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(l -> l.split(" "))
        .filter(f -> f[4].equals(p.toString()))
        .map(f -> f[java.util.Arrays.asList(f).indexOf("-") + 1]).toList();
  }
}
