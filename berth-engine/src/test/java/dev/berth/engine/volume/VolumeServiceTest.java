package dev.berth.engine.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.ContainerConfig;
import dev.berth.engine.EventLog;
import dev.berth.engine.HostConfig;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.image.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volume store without containers running: create, list with filters, in-use refusal,
 * prune, and the reconcile at open after a crash.
 */
class VolumeServiceTest {
  @TempDir Path root;
  private Database db;
  private VolumeService volumes;
  private final Set<String> containers = new HashSet<>();
  private final EventLog events = new EventLog();

  @BeforeEach
  void open() {
    db = Database.open(root.resolve("metadata.db"));
    volumes = reopen();
  }

  private VolumeService reopen() {
    return VolumeService.open(root, db, events, new VolumeService.Containers() {
      @Override
      public boolean exists(String id) {
        return containers.contains(id);
      }

      @Override
      public boolean running(String id) {
        return false;
      }
    });
  }

  @AfterEach
  void close() {
    db.close();
  }

  private List<MountPoint> attach(String id, String... binds) {
    containers.add(id);
    HostConfig h = new HostConfig(List.of(binds), null, false, null, 0, 0, 0, 0, null, null,
        false, false, null, null, null, null, null, null, null);
    return volumes.attach(id, ContainerConfig.of("img", null), h, null, ref -> ref);
  }

  @Test
  void createIsIdempotentAndRecordsDockersFields() {
    Volume v = volumes.create("data", null, Map.of(), Map.of("team", "a"));
    assertThat(v.driver()).isEqualTo("local");
    assertThat(v.mountpoint()).isEqualTo(root.resolve("volumes/data/_data").toString());
    assertThat(Files.isDirectory(Path.of(v.mountpoint()))).isTrue();
    assertThat(v.anonymous()).isFalse();
    assertThat(volumes.create("data", "local", Map.of(), Map.of())).isEqualTo(v);
    assertThat(volumes.get("data")).isEqualTo(v);
    assertThat(events.since(java.time.Instant.EPOCH)).filteredOn(e -> e.type().equals("volume"))
        .hasSize(1);
  }

  @Test
  void listFilters() {
    volumes.create("a1", null, Map.of(), Map.of("k", "v"));
    volumes.create("a2", null, Map.of(), Map.of("k", "w"));
    volumes.create("b1", null, Map.of(), Map.of());
    attach("c1", "a1:/x");
    assertThat(names(Map.of())).containsExactly("a1", "a2", "b1");
    assertThat(names(Map.of("label", List.of("k")))).containsExactly("a1", "a2");
    assertThat(names(Map.of("label", List.of("k=w")))).containsExactly("a2");
    assertThat(names(Map.of("label!", List.of("k")))).containsExactly("b1");
    assertThat(names(Map.of("name", List.of("a")))).containsExactly("a1", "a2");
    assertThat(names(Map.of("dangling", List.of("true")))).containsExactly("a2", "b1");
    assertThat(names(Map.of("dangling", List.of("0")))).containsExactly("a1");
    assertThat(names(Map.of("driver", List.of("nfs")))).isEmpty();
    assertThatThrownBy(() -> names(Map.of("dangling", List.of("maybe"))))
        .hasMessage("invalid filter 'dangling=maybe'");
    assertThatThrownBy(() -> names(Map.of("size", List.of("1"))))
        .hasMessage("invalid filter 'size'");
  }

  private List<String> names(Map<String, List<String>> filters) {
    return volumes.list(filters).stream().map(Volume::name).toList();
  }

  @Test
  void aVolumeInUseIsNotRemovedAndRmVTakesOnlyAnonymousOnes() {
    List<MountPoint> ms = attach("c1", "named:/n", "/anon");
    String anon = ms.get(1).name();
    assertThat(anon).matches("[0-9a-f]{64}");
    assertThat(volumes.get(anon).anonymous()).isTrue();
    assertThat(volumes.refCounts()).containsEntry("named", 1).containsEntry(anon, 1);

    assertThatThrownBy(() -> volumes.remove("named", true))
        .isInstanceOf(BerthException.class)
        .hasMessage("remove named: volume is in use - [c1]")
        .satisfies(e -> assertThat(((BerthException) e).kind())
            .isEqualTo(ErrorKind.FAILED_PRECONDITION));
    assertThatThrownBy(() -> volumes.remove("gone", false))
        .hasMessage("get gone: no such volume")
        .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));

    volumes.detach("c1", true);
    assertThat(names(Map.of())).containsExactly("named");
    assertThat(Files.exists(root.resolve("volumes").resolve(anon))).isFalse();
    volumes.remove("named", false);
    assertThat(names(Map.of())).isEmpty();
  }

  @Test
  void pruneTakesUnusedAnonymousVolumesUnlessAllIsAsked() throws Exception {
    volumes.create("named", null, Map.of(), Map.of("keep", "no"));
    String used = attach("c1", "/used").getFirst().name();
    String loose = attach("c2", "/loose").getFirst().name();
    Files.writeString(Path.of(volumes.get(loose).mountpoint()).resolve("f"), "12345");
    volumes.detach("c2", false);

    VolumeService.Pruned p = volumes.prune(Map.of());
    assertThat(p.names()).containsExactly(loose);
    assertThat(p.bytes()).isEqualTo(5);
    assertThat(volumes.prune(Map.of("all", List.of("true"), "label", List.of("keep=yes")))
        .names()).isEmpty();
    assertThat(volumes.prune(Map.of("all", List.of("1"))).names()).containsExactly("named");
    assertThat(names(Map.of())).containsExactly(used);
  }

  @Test
  void localOptionsAreCheckedAsDockerDoes() {
    assertThatThrownBy(() -> volumes.create("vv", null, Map.of("size", "1g"), null))
        .hasMessage("create vv: invalid option: \"size\"");
    assertThatThrownBy(() -> volumes.create("vv", null, Map.of("device", "/dev/sda"), null))
        .hasMessage("create vv: missing required option: \"type\"");
    assertThatThrownBy(() -> volumes.create("vv", null, Map.of("type", "tmpfs"), null))
        .hasMessage("create vv: missing required option: \"device\"");
    assertThatThrownBy(() -> volumes.create("vv", "nfs-plugin", null, null))
        .hasMessageContaining("plugin \"nfs-plugin\" not found");
    assertThatThrownBy(() -> volumes.create("-v", null, null, null))
        .hasMessageContaining("\"-v\" includes invalid characters");
    assertThat(names(Map.of())).isEmpty();
  }

  @Test
  void openReconcilesRecordsAndDirectoriesACrashLeftApart() throws Exception {
    Volume kept = volumes.create("kept", null, null, null);
    Files.writeString(Path.of(kept.mountpoint()).resolve("data"), "x");
    Volume lost = volumes.create("lostdir", null, null, null);
    // a create cut short before its directory, a remove cut short after its record
    dev.berth.image.Trees.deleteRecursively(Path.of(lost.mountpoint()).getParent());
    Files.createDirectories(root.resolve("volumes/orphan/_data"));
    // mounts of a container whose record never made it
    attach("ghost", "/x");
    containers.remove("ghost");

    volumes = reopen();
    assertThat(Files.readString(Path.of(kept.mountpoint()).resolve("data"))).isEqualTo("x");
    assertThat(Files.isDirectory(Path.of(lost.mountpoint()))).isTrue();
    assertThat(Files.exists(root.resolve("volumes/orphan"))).isFalse();
    assertThat(volumes.mounts("ghost")).isEmpty();
    assertThat(volumes.list(Map.of("dangling", List.of("true")))).hasSize(3);
  }
}
