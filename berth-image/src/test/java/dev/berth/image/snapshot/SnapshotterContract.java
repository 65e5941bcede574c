package dev.berth.image.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Snapshotter} must do, with real mounts (needs root). Each implementation's
 * test extends this and says how to open one.
 */
abstract class SnapshotterContract {
  @TempDir Path tmp;
  Path root;
  Snapshotter sn;
  private int mountPoints;

  abstract Snapshotter open(Path root);

  @BeforeEach
  void setUp() {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    root = tmp.resolve("snapshots");
    sn = open(root);
  }

  @AfterEach
  void nothingLeftMounted() throws IOException {
    if (tmp != null) {
      assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
          .noneMatch(l -> l.contains(tmp.toString()));
    }
  }

  interface Body {
    void run(Path mountPoint) throws IOException;
  }

  /** Mounts {@code mounts} at a fresh directory, runs {@code body}, always unmounts. */
  void withMount(List<MountSpec> mounts, Body body) throws IOException {
    Path target = Files.createDirectory(tmp.resolve("mnt" + mountPoints++));
    Mounter.mount(mounts, target);
    try {
      body.run(target);
    } finally {
      Mounter.unmount(target);
    }
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** Hook: checks how a deleted file is recorded in {@code childKey}'s own directory. */
  void assertDeletionRecorded(String childKey, String name) throws IOException {}

  void makeBase() throws IOException {
    withMount(sn.prepare("base-active", null), m -> {
      Files.writeString(m.resolve("a.txt"), "a");
      Files.createDirectories(m.resolve("d"));
      Files.writeString(m.resolve("d/b.txt"), "b");
      Files.writeString(m.resolve("gone.txt"), "gone");
      Files.createSymbolicLink(m.resolve("link"), Path.of("a.txt"));
    });
    sn.commit("base", "base-active");
  }

  @Test
  void childSeesBaseChangesStayInChild() throws IOException {
    makeBase();
    withMount(sn.prepare("child-active", "base"), m -> {
      assertThat(read(m.resolve("a.txt"))).isEqualTo("a");
      assertThat(read(m.resolve("d/b.txt"))).isEqualTo("b");
      assertThat(Files.readSymbolicLink(m.resolve("link"))).isEqualTo(Path.of("a.txt"));
      Files.writeString(m.resolve("a.txt"), "a2");
      Files.delete(m.resolve("gone.txt"));
      Files.writeString(m.resolve("c.txt"), "c");
    });
    assertDeletionRecorded("child-active", "gone.txt");
    sn.commit("child", "child-active");

    withMount(sn.view("child-view", "child"), m -> {
      assertThat(read(m.resolve("a.txt"))).isEqualTo("a2");
      assertThat(read(m.resolve("c.txt"))).isEqualTo("c");
      assertThat(read(m.resolve("d/b.txt"))).isEqualTo("b");
      assertThat(m.resolve("gone.txt")).doesNotExist();
      assertThatThrownBy(() -> Files.writeString(m.resolve("new"), "x"))
          .isInstanceOf(IOException.class);
    });
    withMount(sn.view("base-view", "base"), m -> {
      assertThat(read(m.resolve("a.txt"))).isEqualTo("a");
      assertThat(read(m.resolve("gone.txt"))).isEqualTo("gone");
      assertThat(m.resolve("c.txt")).doesNotExist();
      assertThatThrownBy(() -> Files.writeString(m.resolve("new"), "x"))
          .isInstanceOf(IOException.class);
    });
    // mounts() gives the same view again
    withMount(sn.mounts("base-view"), m -> assertThat(m.resolve("a.txt")).exists());
  }

  @Test
  void removeRefusesParentWithChildrenThenLeafFirstWorks() throws IOException {
    makeBase();
    sn.prepare("c1", "base");
    sn.view("v1", "base");
    assertThatThrownBy(() -> sn.remove("base"))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("c1").hasMessageContaining("v1")
        .satisfies(e -> assertThat(((BerthException) e).kind())
            .isEqualTo(ErrorKind.FAILED_PRECONDITION));
    sn.remove("c1");
    sn.remove("v1");
    sn.remove("base");
    assertThat(sn.list()).isEmpty();
    try (var s = Files.list(root)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aDetachedSnapshotIsGoneAtOnceAndItsFilesWhenTheCallerSays() throws IOException {
    makeBase();
    List<MountSpec> mounts = sn.prepare("c1", "base");
    withMount(mounts, m -> Files.writeString(m.resolve("written"), "by the container"));
    Runnable deleteFiles = sn.detach("c1");
    assertThat(sn.list()).extracting(Info::key).containsExactly("base");
    assertKind(() -> sn.stat("c1"), ErrorKind.NOT_FOUND);
    sn.prepare("c1", "base"); // the key is free again while the old files wait
    try (var s = Files.list(root)) {
      assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith(".rm-"));
    }
    deleteFiles.run();
    try (var s = Files.list(root)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".rm-"));
    }
    sn.remove("c1");
    assertThat(sn.list()).extracting(Info::key).containsExactly("base");
  }

  @Test
  void kindsAndRules() throws IOException {
    makeBase();
    sn.prepare("act", "base");
    sn.view("v", "base");
    assertThat(sn.stat("base").kind()).isEqualTo(Kind.COMMITTED);
    assertThat(sn.stat("act").kind()).isEqualTo(Kind.ACTIVE);
    assertThat(sn.stat("act").parent()).isEqualTo("base");
    assertThat(sn.stat("v").kind()).isEqualTo(Kind.VIEW);
    assertThat(sn.list()).extracting(Info::key).containsExactly("base", "act", "v");
    assertThat(sn.stat("base").parent()).isNull();

    assertKind(() -> sn.prepare("x", "act"), ErrorKind.FAILED_PRECONDITION);
    assertKind(() -> sn.prepare("x", "nope"), ErrorKind.NOT_FOUND);
    assertKind(() -> sn.prepare("act", "base"), ErrorKind.ALREADY_EXISTS);
    assertKind(() -> sn.commit("y", "v"), ErrorKind.FAILED_PRECONDITION);
    assertKind(() -> sn.commit("base", "act"), ErrorKind.ALREADY_EXISTS);
    assertKind(() -> sn.mounts("base"), ErrorKind.FAILED_PRECONDITION);
    assertKind(() -> sn.stat("nope"), ErrorKind.NOT_FOUND);
    assertKind(() -> sn.remove("nope"), ErrorKind.NOT_FOUND);
    assertThat(sn.list()).hasSize(3); // failed calls left nothing behind
    try (var s = Files.list(root)) {
      assertThat(s).hasSize(3);
    }
  }

  @Test
  void emptyActiveAndViewWithoutParent() throws IOException {
    withMount(sn.prepare("empty", null), m -> {
      try (var s = Files.list(m)) {
        assertThat(s).isEmpty();
      }
      Files.writeString(m.resolve("x"), "x");
    });
    withMount(sn.view("ev", null), m -> {
      try (var s = Files.list(m)) {
        assertThat(s).isEmpty();
      }
      assertThatThrownBy(() -> Files.writeString(m.resolve("x"), "x"))
          .isInstanceOf(IOException.class);
    });
  }

  @Test
  void metadataSurvivesReopenAndUnfinishedSnapshotsAreCleaned() throws IOException {
    makeBase();
    sn.prepare("act", "base");
    Info before = sn.stat("base");
    Files.createDirectory(root.resolve("999")); // creation that never wrote info.json
    Files.createDirectory(root.resolve(".rm-998")); // removal that never finished
    Snapshotter again = open(root);
    assertThat(again.list()).extracting(Info::key).containsExactly("base", "act");
    assertThat(again.stat("base")).isEqualTo(before);
    assertThat(root.resolve("999")).doesNotExist();
    assertThat(root.resolve(".rm-998")).doesNotExist();
    again.prepare("more", "base");
    withMount(again.mounts("more"), m -> assertThat(read(m.resolve("a.txt"))).isEqualTo("a"));
    String json = read(root.resolve("1/info.json"));
    assertThat(json).contains("\"key\":\"base\"").contains("\"kind\":\"committed\"");
  }

  @Test
  void keysAreFreeText() throws IOException {
    String odd = "sha256:ab/../\"x\"\\ \u00e9\n";
    withMount(sn.prepare(odd, null), m -> Files.writeString(m.resolve("f"), "f"));
    sn.commit(odd + "c", odd);
    assertThat(open(root).stat(odd + "c").kind()).isEqualTo(Kind.COMMITTED);
  }

  private static void assertKind(Runnable r, ErrorKind kind) {
    assertThatThrownBy(r::run).isInstanceOf(BerthException.class)
        .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(kind));
  }

  static boolean isDir(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }
}
