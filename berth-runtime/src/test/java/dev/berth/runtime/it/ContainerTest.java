package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.CreateOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that start real containers (as root). Each test gets its own runtime root
 * under /run (short: socket paths are limited to 108 bytes) and bundle directory; after each
 * test every container is force-deleted and the test fails if anything was left behind.
 */
public abstract class ContainerTest {
  private static final AtomicInteger SEQ = new AtomicInteger();

  protected Path root;
  protected Path work;
  protected ContainerRuntime runtime;

  /** What a finished container left: its exit code and output. */
  public record Result(int exitCode, String stdout, String stderr) {}

  @BeforeEach
  void setUpRuntime() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")), "integration tests need root");
    root = Files.createTempDirectory(Path.of("/run"), "bt");
    work = Files.createTempDirectory("berth-it");
    // user-namespaced containers (host uid 100000) must be able to reach their rootfs
    Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    runtime = ContainerRuntime.open(root);
  }

  @AfterEach
  void tearDownRuntime() throws IOException {
    if (runtime == null) return;
    List<String> leftovers = new ArrayList<>();
    for (var c : runtime.list()) {
      leftovers.add(c.record().id() + " (" + c.status().ociName() + ")");
      runtime.delete(c.record().id(), true);
    }
    // compiled seccomp filters are a cache the runtime keeps on purpose
    removeTree(root.resolve(".seccomp"));
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s.toList()).as("run directories left behind").isEmpty();
    } finally {
      Files.deleteIfExists(root);
    }
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).as("mounts left behind").doesNotContain(work.toString());
    removeTree(work);
    assertThat(leftovers).as("containers a test did not delete").isEmpty();
    assertThat(leftoverCgroups()).as("cgroups left behind").isEmpty();
  }

  /** Cgroup directories of this JVM's containers (ids start with "c" + pid) still present. */
  private static List<Path> leftoverCgroups() throws IOException {
    String parent = dev.berth.runtime.cgroup.CgroupDriver.detect().defaultParent().replaceFirst("^/", "");
    List<Path> left = new ArrayList<>();
    try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
      for (Path h : hierarchies.toList()) {
        Path dir = h.resolve(parent);
        if (!Files.isDirectory(dir)) continue;
        try (Stream<Path> s = Files.list(dir)) {
          s.filter(p -> p.getFileName().toString().startsWith("c" + ProcessHandle.current().pid() + "-")).forEach(left::add);
        }
      }
    }
    return left;
  }

  protected String newId() {
    return "c" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
  }

  protected TestBundle bundle(String... args) {
    return TestBundle.create(work.resolve("b" + SEQ.incrementAndGet()), args);
  }

  /** Runs to completion through the in-process path, output through the shim's CRI log. */
  protected Result run(TestBundle b) throws IOException {
    String id = newId();
    Path log = b.dir.resolve(id + ".log");
    int code = runtime.run(id, b.write(), CreateOptions.piped(log), false);
    return new Result(code, CriLog.stream(log, "stdout"), CriLog.stream(log, "stderr"));
  }

  /** The command line that runs berth-runtime with these arguments in a JVM of its own. */
  protected List<String> cliCommand(String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=ALL-UNNAMED",
        "-Dberth.shim=" + System.getProperty("berth.shim"), "-cp", System.getProperty("java.class.path"),
        "dev.berth.runtime.cli.RuntimeCli", "--root", root.toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The same bundle under Debian's runc, for differential tests. */
  protected Result runc(TestBundle b) throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runc")), "runc is not installed");
    Path dir = b.write();
    java.lang.Process p = new ProcessBuilder("runc", "--root", root.resolve("runc").toString(), "run",
        "--bundle", dir.toString(), newId())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    var out = p.getInputStream().readAllBytes();
    var err = p.getErrorStream().readAllBytes();
    int code = p.waitFor();
    removeTree(root.resolve("runc"));
    return new Result(code, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  protected static void removeTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
