package dev.berth.api;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of berthd while containers are being created, then a restart on the same state: the
 * metadata database passes SQLite's integrity check and every create the daemon acknowledged is
 * still there.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashSafetyTest {
  private static final Path TOP = Path.of(System.getProperty("berth.top", "."));
  private static final String DOCKER = "/usr/local/bin/docker";
  private Path dir;
  private Path run;
  private Process daemon;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of(DOCKER)), "needs the docker CLI");
    dir = Files.createTempDirectory("berth-crash");
    run = Files.createDirectory(Path.of("/run/bk" + Long.toHexString(System.nanoTime())
        .substring(0, 6)));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (daemon != null && daemon.isAlive()) {
      for (String id : docker("ps", "-aq").lines().toList()) {
        docker("rm", "-f", id);
      }
      daemon.destroy();
      daemon.waitFor(30, TimeUnit.SECONDS);
    }
    if (run != null) {
      Trees.deleteRecursively(run);
    }
    if (dir != null) {
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
    while (!docker("version").contains("25.0.0")) {
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

  @Test
  void acknowledgedCreatesSurviveAKill9() throws Exception {
    daemon = startDaemon();
    Path tar = dir.resolve("busybox.tar");
    new ProcessBuilder(TOP.resolve("scripts/fixtures/busybox-rootfs.sh").toString(),
        tar.toString()).inheritIO().start().waitFor();
    assertThat(docker("import", tar.toString(), "busybox")).startsWith("sha256:");

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    java.util.concurrent.CountDownLatch enough = new java.util.concurrent.CountDownLatch(12);
    List<Thread> creators = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int worker = t;
      creators.add(Thread.ofVirtual().start(() -> {
        for (int i = 0; ; i++) {
          String name = "c" + worker + "-" + i;
          try {
            String out = docker("create", "--name", name, "--network", "none", "busybox", "true");
            if (out.trim().matches("[0-9a-f]{64}")) {
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
    daemon.toHandle().destroyForcibly(); // SIGKILL, mid-write for some create
    daemon.waitFor();
    for (Thread t : creators) {
      t.join();
    }

    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("root/metadata.db"));
        var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    daemon = startDaemon();
    List<String> names = docker("ps", "-a", "--format", "{{.Names}}").lines().toList();
    assertThat(names).containsAll(acknowledged);
  }
}
