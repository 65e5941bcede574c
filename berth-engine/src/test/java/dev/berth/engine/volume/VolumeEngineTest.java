package dev.berth.engine.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.engine.ContainerConfig;
import dev.berth.engine.ContainerEngine;
import dev.berth.engine.HostConfig;
import dev.berth.engine.Mount;
import dev.berth.image.ImageService;
import dev.berth.image.ImportOptions;
import dev.berth.image.Trees;
import dev.berth.sys.FileSyscalls;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Volumes with real containers: data that outlives containers and engine restarts, Docker's
 * copy-up of the image's content, anonymous volumes from an image's VOLUME, and a tmpfs volume
 * mounted only while a container runs on it, across a restart of the engine too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VolumeEngineTest {
  private static final Path TOP = Path.of(System.getProperty("berth.top", "."));
  private static Path rootfsTar;

  @TempDir Path tmp;
  private Path root;
  private ImageService images;
  private ContainerEngine engine;
  private Path execRoot;

  @BeforeAll
  static void fixture() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
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
  void open() throws Exception {
    root = tmp.resolve("root");
    images = ImageService.open(root);
    try (InputStream in = Files.newInputStream(rootfsTar)) {
      images.importImage(in, new ImportOptions("busybox", List.of("CMD [\"sh\"]"), null, null,
          "-"));
    }
    execRoot = Files.createDirectory(Path.of("/run/bw" + Long.toHexString(System.nanoTime())
        .substring(0, 6)));
    engine = ContainerEngine.open(root, execRoot, images);
  }

  @AfterEach
  void close() throws Exception {
    try {
      if (engine != null) {
        for (var c : engine.list(true)) {
          engine.remove(c.id(), true, true);
        }
        for (Volume v : engine.volumes().list(Map.of())) {
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

  private static HostConfig binds(String... binds) {
    return new HostConfig(List.of(binds), "none", false, null, 0, 0, 0, 0, null, null, false,
        false, null, null, null, null, null, null, null);
  }

  private static ContainerConfig sh(String image, String script) {
    return ContainerConfig.of(image, List.of("sh", "-c", script));
  }

  private String run(ContainerConfig config, HostConfig host) throws Exception {
    String id = engine.create(null, config, host).id();
    engine.start(id);
    assertThat(engine.waitFor(id, "not-running").get(60, TimeUnit.SECONDS)).isZero();
    return id;
  }

  private String stdout(String id) throws Exception {
    StringBuilder out = new StringBuilder();
    Matcher m = Pattern.compile("^\\S+ stdout ([FP]) (.*)$", Pattern.MULTILINE)
        .matcher(Files.readString(engine.logFile(id)));
    while (m.find()) {
      out.append(m.group(2)).append(m.group(1).equals("F") ? "\n" : "");
    }
    return out.toString();
  }

  @Test
  void dataOutlivesTheContainerAndARestartOfTheEngine() throws Exception {
    String writer = run(sh("busybox", "echo kept > /data/f"), binds("store:/data"));
    assertThat(engine.volumes().users("store")).containsExactly(writer);
    engine.remove(writer, false, true); // -v: a named volume stays
    assertThat(engine.volumes().users("store")).isEmpty();

    engine.close();
    engine = ContainerEngine.open(root, execRoot, images);
    String reader = run(sh("busybox", "cat /data/f"), binds("store:/data"));
    assertThat(stdout(reader)).isEqualTo("kept\n");
    assertThat(Files.readString(root.resolve("volumes/store/_data/f"))).isEqualTo("kept\n");
  }

  @Test
  void copyUpKeepsOwnersModesXattrsAndSymlinks() throws Exception {
    String maker = run(sh("busybox", "mkdir -p /data/sub && echo img > /data/sub/f"
        + " && chown 1000:2000 /data/sub/f && chmod 4750 /data/sub/f && ln -s sub/f /data/l"
        + " && mkfifo /data/fifo && chmod 711 /data"), binds());
    engine.withRootfs(maker, rootfs -> {
      FileSyscalls.lsetxattr(rootfs.resolve("data/sub/f"), "user.origin",
          "image".getBytes(StandardCharsets.UTF_8));
      return null;
    });
    engine.commit(maker, "withvol", null, null, List.of("VOLUME /data"), false);

    String user = run(sh("withvol", "true"), binds("seeded:/data"));
    Path data = root.resolve("volumes/seeded/_data");
    Path f = data.resolve("sub/f");
    assertThat(Files.readString(f)).isEqualTo("img\n");
    assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo(1000);
    assertThat(Files.getAttribute(f, "unix:gid")).isEqualTo(2000);
    assertThat((Integer) Files.getAttribute(f, "unix:mode") & 07777).isEqualTo(04750);
    assertThat((Integer) Files.getAttribute(data, "unix:mode") & 07777).isEqualTo(0711);
    assertThat(new String(FileSyscalls.lgetxattr(f, "user.origin"), StandardCharsets.UTF_8))
        .isEqualTo("image");
    assertThat(Files.readSymbolicLink(data.resolve("l")).toString()).isEqualTo("sub/f");
    assertThat(Files.isRegularFile(data.resolve("fifo"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.exists(data.resolve("fifo"), LinkOption.NOFOLLOW_LINKS)).isTrue();

    // nocopy, through --mount: the new volume stays empty
    Mount noCopy = new Mount("volume", "bare", "/data", false, null,
        new Mount.VolumeOptions(true, null, null), null);
    HostConfig h = new HostConfig(null, "none", false, null, 0, 0, 0, 0, null, null, false,
        false, null, null, null, null, null, null, null, List.of(noCopy), null, null, false, null,
        null, null, null, null);
    run(sh("withvol", "true"), h);
    try (var s = Files.list(root.resolve("volumes/bare/_data"))) {
      assertThat(s.toList()).isEmpty();
    }
    assertThat(engine.volumes().users("seeded")).containsExactly(user);
  }

  @Test
  void anImagesVolumeIsAnonymousAndGoesWithRmV() throws Exception {
    String maker = run(sh("busybox", "mkdir /cache && echo c > /cache/f"), binds());
    engine.commit(maker, "withvol", null, null, List.of("VOLUME /cache"), false);
    String id = run(sh("withvol", "cat /cache/f"), binds());
    assertThat(stdout(id)).isEqualTo("c\n");
    List<MountPoint> ms = engine.volumes().mounts(id);
    assertThat(ms).hasSize(1);
    String name = ms.getFirst().name();
    assertThat(engine.volumes().get(name).anonymous()).isTrue();
    assertThat(ms.getFirst().destination()).isEqualTo("/cache");

    // --volumes-from shares it; the first container's rm -v leaves it to the second
    HostConfig from = new HostConfig(null, "none", false, null, 0, 0, 0, 0, null, null, false,
        false, null, null, null, null, null, null, null, null, List.of(id.substring(0, 12)),
        null, false, null, null, null, null, null);
    String second = run(sh("busybox", "cat /cache/f"), from);
    assertThat(stdout(second)).isEqualTo("c\n");
    engine.remove(id, false, true);
    assertThat(engine.volumes().get(name).anonymous()).isTrue();
    engine.remove(second, false, true);
    assertThatThrownBy(() -> engine.volumes().get(name)).hasMessage("get " + name
        + ": no such volume");
    assertThat(Files.exists(root.resolve("volumes").resolve(name))).isFalse();
  }

  @Test
  void aTmpfsVolumeIsMountedWhileUsedAcrossAnEngineRestart() throws Exception {
    engine.volumes().create("mem", null, Map.of("type", "tmpfs", "device", "tmpfs", "o",
        "size=1m"), null);
    Path data = root.resolve("volumes/mem/_data");
    assertThat(DriverMounts.mounted(data)).isFalse();
    String id = engine.create(null, sh("busybox", "echo x > /m/f; sleep 300"), binds("mem:/m"))
        .id();
    engine.start(id);
    assertThat(DriverMounts.mounted(data)).isTrue();

    engine.close(); // the container keeps running; so does its volume's mount
    engine = ContainerEngine.open(root, execRoot, images);
    assertThat(DriverMounts.mounted(data)).isTrue();
    engine.kill(id, "KILL");
    engine.waitFor(id, "not-running").get(60, TimeUnit.SECONDS);
    assertThat(DriverMounts.mounted(data)).isFalse();
    assertThat(Files.exists(data.resolve("f"))).isFalse(); // it was on the tmpfs
  }

  @Test
  void aVolumeInUseByAStoppedContainerIsNotRemoved() throws Exception {
    String id = run(sh("busybox", "true"), binds("held:/h"));
    assertThatThrownBy(() -> engine.volumes().remove("held", false))
        .hasMessage("remove held: volume is in use - [" + id + "]");
    assertThatThrownBy(() -> engine.create(null, sh("busybox", "true"), binds("held:/h",
        "/tmp:/h"))).hasMessage("Duplicate mount point: /h");
    assertThatThrownBy(() -> engine.create(null, sh("busybox", "true"), new HostConfig(null,
        "none", false, null, 0, 0, 0, 0, null, null, false, false, null, null, null, null, null,
        null, null, null, List.of("nobody-here"), null, false, null, null, null, null,
        null)))
        .hasMessage("No such container: nobody-here");
    assertThat(engine.list(true)).hasSize(1); // the failed creates left nothing
  }

  @Test
  void aBindTypedLocalVolumeMountsItsDeviceWhileUsed() throws Exception {
    Path device = Files.createDirectories(tmp.resolve("device"));
    engine.volumes().create("bound", null, Map.of("type", "none", "o", "bind", "device",
        device.toString()), null);
    run(sh("busybox", "echo through > /b/f"), binds("bound:/b"));
    assertThat(Files.readString(device.resolve("f"))).isEqualTo("through\n");
    assertThat(DriverMounts.mounted(root.resolve("volumes/bound/_data"))).isFalse();
    assertThat(Files.exists(root.resolve("volumes/bound/_data/f"))).isFalse();
  }

  @Test
  void aContainerFromBeforeVolumesGetsItsMountsAtItsNextStart() throws Exception {
    Path host = Files.createDirectories(tmp.resolve("host"));
    Files.writeString(host.resolve("in"), "bound\n");
    String id = engine.create(null, sh("busybox", "cat /h/in; echo v > /v/f"),
        binds(host + ":/h", "old:/v")).id();
    // as berthd without volumes left it: the container, and no mounts recorded for it
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:"
        + root.resolve("metadata.db"))) {
      c.createStatement().executeUpdate("DELETE FROM container_mounts");
    }
    assertThat(engine.volumes().mounts(id)).isEmpty();
    engine.start(id);
    assertThat(engine.waitFor(id, "not-running").get(60, TimeUnit.SECONDS)).isZero();
    assertThat(stdout(id)).isEqualTo("bound\n");
    assertThat(engine.volumes().mounts(id)).extracting(MountPoint::destination)
        .containsExactly("/h", "/v");
    assertThat(Files.readString(root.resolve("volumes/old/_data/f"))).isEqualTo("v\n");
  }
}
