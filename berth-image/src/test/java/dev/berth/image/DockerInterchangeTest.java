package dev.berth.image;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.image.snapshot.Mounter;
import dev.berth.oci.image.Digest;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.CreateOptions;
import dev.berth.runtime.spec.BundleLoader;
import dev.berth.runtime.spec.DefaultSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interchange with the real Docker: Debian's dockerd 20.10, started by the test as an anchor on
 * its own socket and directories ({@code scripts/anchor-dockerd.sh}). Images go both ways with
 * {@code docker save}/{@code docker load}, keep their ids, and run the same under dockerd and
 * under Berth's runtime. Fixtures are the busybox-static and debootstrap root file systems the
 * project's scripts make.
 */
class DockerInterchangeTest {
  private static final Path TOP = Path.of(System.getProperty("berth.top", "."));
  private static final String SCRIPT = "echo hello from $(cat /etc/hostname-probe 2>/dev/null"
      + " || echo image); head -1 /etc/passwd; ls /bin | wc -l; id -u; pwd";
  private static Path fixtures;
  private static boolean anchorStarted;

  @TempDir Path tmp;
  private ImageService images;
  private ContainerRuntime runtime;
  private final List<String> dockerImages = new ArrayList<>();

  @BeforeAll
  static void startDocker() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dockerd")), "needs Debian's docker.io");
    fixtures = Files.createTempDirectory("berth-fixtures");
    sh(TOP.resolve("scripts/fixtures/busybox-rootfs.sh").toString(),
        fixtures.resolve("busybox.tar").toString());
    sh(TOP.resolve("scripts/fixtures/debian-rootfs.sh").toString(),
        fixtures.resolve("debian.tar").toString());
    sh(TOP.resolve("scripts/anchor-dockerd.sh").toString(), "start");
    anchorStarted = true;
  }

  @AfterAll
  static void stopDocker() throws Exception {
    if (anchorStarted) {
      sh(TOP.resolve("scripts/anchor-dockerd.sh").toString(), "stop");
    }
    if (fixtures != null) {
      Trees.deleteRecursively(fixtures);
    }
  }

  @BeforeEach
  void open() {
    images = ImageService.open(tmp.resolve("images"));
    runtime = ContainerRuntime.open(tmp.resolve("runtime"));
  }

  @AfterEach
  void close() throws Exception {
    images.close();
    for (String image : dockerImages) {
      docker("rmi", "-f", image);
    }
  }

  @Test
  void dockerSavedImageLoadsIntoBerthAndRunsTheSame() throws Exception {
    String name = "berth-it/busybox:from-docker-" + UUID.randomUUID().toString().substring(0, 8);
    dockerImages.add(name);
    docker("import", "--change", "WORKDIR /root", "--change", "ENV PROBE=1",
        fixtures.resolve("busybox.tar").toString(), name);
    Path archive = tmp.resolve("docker-saved.tar");
    docker("save", "-o", archive.toString(), name);

    List<LoadedImage> loaded;
    try (InputStream in = Files.newInputStream(archive)) {
      loaded = images.load(in);
    }

    String dockerId = docker("image", "inspect", "--format", "{{.Id}}", name).trim();
    assertThat(loaded).containsExactly(new LoadedImage(Digest.parse(dockerId),
        List.of(name)));
    assertThat(images.inspect(name).config().config().workingDir()).isEqualTo("/root");
    String inDocker = docker("run", "--rm", "--network", "none", name, "sh", "-c", SCRIPT);
    assertThat(runInBerth(name, "sh", "-c", SCRIPT)).isEqualTo(inDocker)
        .contains("hello from image", "root:x:0:0", "/root");
  }

  @Test
  void berthSavedImageLoadsIntoDockerAndRunsTheSame() throws Exception {
    String name = "berth-it/busybox:from-berth-" + UUID.randomUUID().toString().substring(0, 8);
    dockerImages.add(name);
    try (InputStream in = Files.newInputStream(fixtures.resolve("busybox.tar"))) {
      images.importImage(in, new ImportOptions(name, List.of("WORKDIR /tmp"), null, null, "-"));
    }
    // a second layer on top, with a whiteout, made by Berth's diff of a container's upper dir
    byte[] upper = TestImages.layer("etc/hostname-probe", "berth\n", "bin/.wh.vi", "");
    Path twoLayers = tmp.resolve("two-layers.tar");
    Path saved = tmp.resolve("berth-saved.tar");
    try (OutputStream out = Files.newOutputStream(saved)) {
      images.save(List.of(name), out);
    }
    Digest id = stackLayer(saved, upper, twoLayers, name);

    String loaded = docker("load", "-i", twoLayers.toString());
    assertThat(loaded).contains("Loaded image: " + name);
    assertThat(docker("image", "inspect", "--format", "{{.Id}}", name).trim())
        .isEqualTo(id.toString());
    String inDocker = docker("run", "--rm", "--network", "none", name, "sh", "-c", SCRIPT);
    assertThat(runInBerth(name, "sh", "-c", SCRIPT)).isEqualTo(inDocker)
        .contains("hello from berth", "/tmp");
    String whiteout = "test -e /bin/vi && echo vi present || echo vi gone";
    assertThat(docker("run", "--rm", "--network", "none", name, "sh", "-c", whiteout))
        .isEqualTo("vi gone\n").isEqualTo(runInBerth(name, "sh", "-c", whiteout));
  }

  @Test
  void debootstrappedDebianGoesBothWaysAndRunsTheSame() throws Exception {
    String name = "berth-it/debian:" + UUID.randomUUID().toString().substring(0, 8);
    String again = name + "-again";
    dockerImages.add(name);
    dockerImages.add(again);
    docker("import", fixtures.resolve("debian.tar").toString(), name);
    Path fromDocker = tmp.resolve("debian-docker.tar");
    docker("save", "-o", fromDocker.toString(), name);
    try (InputStream in = Files.newInputStream(fromDocker)) {
      images.load(in);
    }
    String probe = "cat /etc/debian_version; ls -l /lib /bin | head -2; dpkg-query -W | wc -l;"
        + " ls /usr/lib/x86_64-linux-gnu | wc -l";
    String inDocker = docker("run", "--rm", "--network", "none", name, "sh", "-c", probe);
    assertThat(runInBerth(name, "sh", "-c", probe)).isEqualTo(inDocker).startsWith("12.");

    images.tag(name, again);
    Path fromBerth = tmp.resolve("debian-berth.tar");
    try (OutputStream out = Files.newOutputStream(fromBerth)) {
      images.save(List.of(again), out);
    }
    docker("rmi", name);
    assertThat(docker("load", "-i", fromBerth.toString())).contains("Loaded image: " + again);
    assertThat(docker("run", "--rm", "--network", "none", again, "sh", "-c", probe))
        .isEqualTo(inDocker);
  }

  /**
   * Loads {@code saved} back into a second Berth root, adds {@code layer} on top as a new image
   * named {@code name} through a docker-archive, and saves that as {@code out}. Returns its id.
   */
  private Digest stackLayer(Path saved, byte[] layer, Path out, String name) throws IOException {
    var base = images.inspect(name);
    List<byte[]> layers = new ArrayList<>();
    try (ImageService scratch = ImageService.open(tmp.resolve("scratch"))) {
      try (InputStream in = Files.newInputStream(saved)) {
        scratch.load(in);
      }
      for (Digest d : base.layers()) {
        try (InputStream in = scratch.content().open(d)) {
          layers.add(in.readAllBytes());
        }
      }
    }
    layers.add(layer);
    TestImages.Image img = TestImages.Image.of(List.of(name), layers.toArray(byte[][]::new))
        .withConfig(",\"WorkingDir\":\"/tmp\"");
    try (InputStream in = new java.io.ByteArrayInputStream(TestImages.dockerArchive(img))) {
      images.load(in);
    }
    try (OutputStream o = Files.newOutputStream(out)) {
      images.save(List.of(name), o);
    }
    return img.id();
  }

  /** Runs {@code args} in a container of {@code image} with Berth's runtime; returns stdout. */
  private String runInBerth(String image, String... args) throws IOException {
    String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
    Path bundle = Files.createDirectories(tmp.resolve("bundle-" + id));
    Path rootfs = Files.createDirectories(bundle.resolve("rootfs"));
    Mounter.mount(images.prepareRootfs(id, image), rootfs);
    try {
      var config = images.inspect(image).config().config();
      ObjectNode spec = BundleLoader.JSON.valueToTree(DefaultSpec.create(false));
      ObjectNode process = (ObjectNode) spec.get("process");
      ArrayNode argv = process.putArray("args");
      for (String a : args) {
        argv.add(a);
      }
      ArrayNode env = process.putArray("env");
      env.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
      if (config.env() != null) {
        config.env().forEach(env::add);
      }
      if (config.workingDir() != null && !config.workingDir().isEmpty()) {
        process.put("cwd", config.workingDir());
      }
      ((ObjectNode) spec.get("root")).put("readonly", false);
      Files.write(bundle.resolve("config.json"), BundleLoader.JSON.writeValueAsBytes(spec));
      Path log = bundle.resolve("log");
      int code = runtime.run(id, bundle, CreateOptions.piped(log), false);
      assertThat(code).isZero();
      return stdoutOf(log);
    } finally {
      Mounter.unmount(rootfs);
      images.removeRootfs(id);
    }
  }

  /** The stdout lines of a CRI log ({@code <time> stdout F <line>}). */
  private static String stdoutOf(Path log) throws IOException {
    StringBuilder out = new StringBuilder();
    Matcher m = Pattern.compile("^\\S+ stdout ([FP]) (.*)$", Pattern.MULTILINE)
        .matcher(Files.readString(log));
    while (m.find()) {
      out.append(m.group(2)).append(m.group(1).equals("F") ? "\n" : "");
    }
    return out.toString();
  }

  private static String docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/local/bin/docker", "-H",
        "unix:///run/berth-anchor/docker.sock"));
    cmd.addAll(List.of(args));
    return exec(cmd);
  }

  private static String sh(String... cmd) throws Exception {
    return exec(List.of(cmd));
  }

  private static String exec(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }
}
