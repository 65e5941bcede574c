package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.error.BerthException;
import dev.berth.runtime.CreateOptions;
import dev.berth.runtime.cgroup.CgroupDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Bad input fails create with the bad value named and leaves no run dir, cgroup or process. */
class BadInputTest extends ContainerTest {

  private void assertRefusedCleanly(Consumer<TestBundle> breakIt, String... messageParts) throws Exception {
    TestBundle b = bundle("sleep", "1000");
    breakIt.accept(b);
    String id = newId();
    var thrown = assertThatThrownBy(() -> runtime.create(id, b.dir, CreateOptions.piped(b.dir.resolve("log"))))
        .isInstanceOf(BerthException.class);
    for (String part : messageParts) thrown.hasMessageContaining(part);
    assertThat(root.resolve(id)).doesNotExist();
    String parent = CgroupDriver.detect().defaultParent();
    try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
      for (Path h : hierarchies.toList()) {
        assertThat(h.resolve(parent.replaceFirst("^/", "")).resolve(id)).as("cgroup left in " + h).doesNotExist();
      }
    }
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(b.rootfs().toString());
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(b.dir.toString())).toList())
        .as("processes left").isEmpty();
  }

  private static Consumer<TestBundle> write(Consumer<ObjectNode> edit) {
    return b -> {
      edit.accept(b.config);
      b.write();
    };
  }

  @Test
  void malformedConfig() throws Exception {
    assertRefusedCleanly(b -> {
      try {
        Files.writeString(b.dir.resolve("config.json"), "{ \"ociVersion\": ");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, "config.json", "malformed JSON");
  }

  @Test
  void unknownNamespaceType() throws Exception {
    assertRefusedCleanly(write(c -> c.with("linux").withArray("namespaces").addObject().put("type", "bogus")), "bogus", "linux.namespaces");
  }

  @Test
  void unknownCapability() throws Exception {
    assertRefusedCleanly(write(c -> c.with("process").with("capabilities").withArray("effective").add("CAP_TELEPORT")),
        "CAP_TELEPORT", "process.capabilities.effective");
  }

  @Test
  void missingRootfs() throws Exception {
    assertRefusedCleanly(write(c -> c.with("root").put("path", "/nonexistent/rootfs")), "root.path", "/nonexistent/rootfs");
  }

  @Test
  void relativeMountDestination() throws Exception {
    assertRefusedCleanly(write(c -> c.withArray("mounts").addObject().put("destination", "rel/dir").put("type", "tmpfs").put("source", "tmpfs")),
        "mounts[7].destination", "rel/dir");
  }

  @Test
  void memoryLimitBelowTheMinimum() throws Exception {
    assertRefusedCleanly(write(c -> c.with("linux").with("resources").putObject("memory").put("limit", 4096)),
        "linux.resources.memory.limit", "4096");
  }

  @Test
  void aMountTheKernelRefusesIsReportedByTheShimAndUndone() throws Exception {
    assertRefusedCleanly(write(c -> c.withArray("mounts").addObject().put("destination", "/x").put("type", "nosuchfs").put("source", "none")),
        "/x");
  }

  @Test
  void bundleThatIsNotADirectory() throws Exception {
    Path file = Files.writeString(work.resolve("not-a-dir"), "");
    assertThatThrownBy(() -> runtime.create(newId(), file, CreateOptions.piped(work.resolve("log"))))
        .hasMessageContaining(file.toString()).hasMessageContaining("not a directory");
    assertThat(runtime.list()).isEmpty();
  }

  @Test
  void badContainerId() {
    assertThatThrownBy(() -> runtime.create("../escape", work, CreateOptions.inherit()))
        .hasMessageContaining("../escape");
    assertThat(List.of(root.toFile().list())).isEmpty();
  }
}
