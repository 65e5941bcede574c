package dev.berth.api.volume;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.image.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of berthd with volumes in use and being created: after a restart on the same root
 * the data is there, a running container's tmpfs volume is still mounted (and unmounted once
 * the container stops), and every volume create the daemon acknowledged exists with its
 * directory.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class VolumeCrashTest {
  private static final Path TOP = Path.of(System.getProperty("berth.top", "."));
  private static final String DOCKER = "/usr/local/bin/docker";
  private Path dir;
  private Path run;
  private Process daemon;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(DOCKER)), "needs the docker CLI");
    dir = Files.createTempDirectory("berth-vcrash");
    run = Files.createDirectory(Path.of("/run/bx" + Long.toHexString(System.nanoTime())
        .substring(0, 6)));
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      if (daemon != null && daemon.isAlive()) {
        for (String id : docker("ps", "-aq").lines().toList()) {
          docker("rm", "-f", "-v", id);
        }
        for (String v : docker("volume", "ls", "-q").lines().toList()) {
          docker("volume", "rm", "-f", v);
        }
        daemon.destroy();
        daemon.waitFor(30, TimeUnit.SECONDS);
      }
    } finally {
      Path mem = dir.resolve("root/volumes/mem/_data");
      while (mounted(mem)) {
        dev.berth.sys.Mounts.umount2(mem, 0);
      }
      Trees.deleteRecursively(run);
      Trees.deleteRecursively(dir);
    }
  }

  private Process startDaemon() throws Exception {
    Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
        "--enable-native-access=ALL-UNNAMED", "-Dberth.shim=" + System.getProperty("berth.shim"),
        "-cp", System.getProperty("java.class.path"), "dev.berth.api.Berthd",
        "-H", "unix://" + run.resolve("b.sock"), "--root", dir.resolve("root").toString(),
        "--exec-root", run.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("berthd.log").toFile()).start();
    // the CLI's own round trip paces this loop; a loaded machine gets a minute, not a count
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (!docker("version").contains("Server:")) {
      assertThat(p.isAlive()).as(Files.readString(dir.resolve("berthd.log"))).isTrue();
      assertThat(System.nanoTime()).as("berthd answering within a minute: "
          + Files.readString(dir.resolve("berthd.log"))).isLessThan(deadline);
    }
    return p;
  }

  private String docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(DOCKER, "-H", "unix://" + run.resolve("b.sock")));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    p.waitFor();
    return out;
  }

  private static boolean mounted(Path p) throws Exception {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .anyMatch(l -> l.split(" ")[4].equals(p.toString()));
  }

  private void kill9() throws Exception {
    daemon.toHandle().destroyForcibly();
    daemon.waitFor();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("root/metadata.db"));
        var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
  }

  @Test
  void volumesAndTheirMountsSurviveAKill9() throws Exception {
    daemon = startDaemon();
    Path tar = dir.resolve("busybox.tar");
    new ProcessBuilder(TOP.resolve("scripts/fixtures/busybox-rootfs.sh").toString(),
        tar.toString()).inheritIO().start().waitFor();
    assertThat(docker("import", tar.toString(), "busybox")).startsWith("sha256:");
    assertThat(docker("run", "--rm", "--network", "none", "-v", "disk:/d", "busybox", "sh",
        "-c", "echo on-disk > /d/f")).isEmpty();
    assertThat(docker("volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "mem"))
        .isEqualTo("mem\n");
    docker("run", "-d", "--name", "holder", "--network", "none", "-v", "mem:/m", "busybox",
        "sleep", "300");
    assertThat(docker("exec", "holder", "sh", "-c", "echo in-memory > /m/f")).isEmpty();
    Path mem = dir.resolve("root/volumes/mem/_data");
    assertThat(mounted(mem)).isTrue();

    kill9();
    assertThat(mounted(mem)).isTrue(); // the container still runs on it
    daemon = startDaemon();
    assertThat(mounted(mem)).isTrue();
    assertThat(docker("exec", "holder", "cat", "/m/f")).isEqualTo("in-memory\n");
    assertThat(docker("run", "--rm", "--network", "none", "-v", "disk:/d", "busybox", "cat",
        "/d/f")).isEqualTo("on-disk\n");
    assertThat(docker("stop", "-t", "0", "holder")).isEqualTo("holder\n");
    assertThat(mounted(mem)).isFalse();
  }

  @Test
  void acknowledgedVolumeCreatesSurviveAKill9() throws Exception {
    daemon = startDaemon();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    CountDownLatch enough = new CountDownLatch(12);
    List<Thread> creators = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int worker = t;
      creators.add(Thread.ofVirtual().start(() -> {
        for (int i = 0; ; i++) {
          String name = "v" + worker + "-" + i;
          try {
            if (docker("volume", "create", name).equals(name + "\n")) {
              acknowledged.add(name);
              enough.countDown();
            } else {
              return; // the daemon is gone
            }
          } catch (Exception e) {
            return;
          }
        }
      }));
    }
    assertThat(enough.await(120, TimeUnit.SECONDS)).isTrue();
    kill9();
    for (Thread t : creators) {
      t.join();
    }
    daemon = startDaemon();
    List<String> names = docker("volume", "ls", "-q").lines().toList();
    assertThat(names).containsAll(acknowledged);
    for (String n : names) {
      assertThat(dir.resolve("root/volumes").resolve(n).resolve("_data")).isDirectory();
    }
    try (var dirs = Files.list(dir.resolve("root/volumes"))) {
      assertThat(dirs.map(d -> d.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
          names);
    }
  }
}
