package dev.berth.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.cli.Berthd;
import dev.berth.cli.Berthd.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image commands (a child JVM) against a real in-process berthd, compared with the docker
 * CLI v28 on the same daemon: same text, same columns, same exit codes.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ImageCommandsTest {
  @TempDir Path tmp;
  private Berthd d;

  @BeforeEach
  void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    d = Berthd.start(tmp);
  }

  @AfterEach
  void stop() throws Exception {
    if (d != null) {
      d.close();
    }
  }

  @Test
  void imagesListsLikeDocker() throws Exception {
    assertThat(d.berth("tag", "busybox", "busybox:1.36").code()).isZero();
    assertThat(d.berth("tag", "busybox", "registry.example.com/team/app:v1").code()).isZero();
    Result table = SameAsDocker.check(d, "images");
    assertThat(table.out()).startsWith("REPOSITORY                      TAG       IMAGE ID       CREATED");
    assertThat(table.out().lines()).hasSize(4);
    SameAsDocker.check(d, "images", "--digests");
    SameAsDocker.check(d, "images", "-q");
    SameAsDocker.check(d, "images", "--no-trunc");
    SameAsDocker.check(d, "images", "busybox");
    SameAsDocker.check(d, "images", "--format", "raw", "busybox");
    SameAsDocker.check(d, "images", "--format", "raw", "-q", "busybox");
    SameAsDocker.check(d, "image", "ls", "-a", "--format", "table {{.ID}}\\t{{.Size}}");
    SameAsDocker.check(d, "images", "--format", "{{.Nope}}");
    SameAsDocker.check(d, "images", "--format", "{{.Repository");
    SameAsDocker.check(d, "images", "-f", "bogus=1");
    // one image under three names: docker's row order inside an image is a Go map's, so sort;
    // and the relative time may tick between the two runs
    assertThat(sorted(d.berth("images", "--format", "json").out()).replaceAll(SINCE, ""))
        .isEqualTo(sorted(d.docker("images", "--format", "json").out()).replaceAll(SINCE, ""));
  }

  @Test
  void historyLikeDocker() throws Exception {
    SameAsDocker.check(d, "history", "busybox");
    SameAsDocker.check(d, "history", "-H=false", "--no-trunc", "busybox");
    SameAsDocker.check(d, "image", "history", "-q", "busybox");
    SameAsDocker.check(d, "history", "--format", "{{.ID}}: {{.Comment}}", "busybox");
    SameAsDocker.check(d, "history", "nope");
  }

  @Test
  void removeUntagsAndReportsMissingImages() throws Exception {
    d.berth("tag", "busybox", "extra:one");
    Result rm = d.berth("rmi", "extra:one");
    assertThat(rm.out()).isEqualTo("Untagged: extra:one\n");
    assertThat(rm.code()).isZero();
    SameAsDocker.check(d, "rmi", "nope");
    SameAsDocker.check(d, "rmi", "-f", "nope", "nope2");
    SameAsDocker.check(d, "rmi");
    Result removed = d.berth("image", "rm", "busybox");
    assertThat(removed.out()).startsWith("Untagged: busybox:latest\nDeleted: sha256:");
    assertThat(d.berth("images", "-q").out()).isEmpty();
  }

  @Test
  void saveLoadRoundTrip() throws Exception {
    Path file = tmp.resolve("bb.tar");
    Result save = d.berth("save", "-o", file.toString(), "busybox");
    assertThat(save.code()).as(save.err()).isZero();
    assertThat(Files.size(file)).isGreaterThan(1_000_000);
    try (var dir = Files.list(tmp)) {
      assertThat(dir.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
    assertThat(d.berth("rmi", "busybox").code()).isZero();

    Result load = d.berth("load", "-i", file.toString());
    assertThat(load.out()).isEqualTo("Loaded image: busybox:latest\n");
    assertThat(load.code()).isZero();
    assertThat(d.berth("images", "--format", "{{.Repository}}:{{.Tag}}").out()).isEqualTo("busybox:latest\n");

    // to stdout (a pipe here), and back in through stdin
    Result piped = d.berth("save", "busybox");
    assertThat(piped.code()).isZero();
    assertThat(d.berth("rmi", "busybox").code()).isZero();
    Result fromStdin = d.berthWithInput(Files.readAllBytes(file), "image", "load");
    assertThat(fromStdin.out()).isEqualTo("Loaded image: busybox:latest\n");
    SameAsDocker.check(d, "load", "-i", tmp.resolve("missing.tar").toString());
    SameAsDocker.check(d, "save", "-o", tmp.resolve("no/such/dir/x.tar").toString(), "busybox");
  }

  @Test
  void importWithChangesAndMessage() throws Exception {
    Path rootfs = tmp.resolve("busybox.tar");
    Result imp = d.berth("import", "-c", "CMD [\"echo\",\"imported\"]", "-m", "from a test",
        rootfs.toString(), "mine:v1");
    assertThat(imp.code()).as(imp.err()).isZero();
    assertThat(imp.out()).matches("sha256:[0-9a-f]{64}\n");
    assertThat(d.berth("image", "inspect", "-f", "{{.Id}} {{json .Config.Cmd}}", "mine:v1").out())
        .isEqualTo(imp.out().trim() + " [\"echo\",\"imported\"]\n");
    assertThat(d.berth("history", "--format", "{{.Comment}}", "mine:v1").out()).isEqualTo("from a test\n");
    Result stdin = d.berthWithInput(Files.readAllBytes(rootfs), "image", "import", "-", "mine:v2");
    assertThat(stdin.out()).matches("sha256:[0-9a-f]{64}\n");
    SameAsDocker.check(d, "import", tmp.resolve("nope.tar").toString());
    SameAsDocker.check(d, "import", rootfs.toString(), "Bad:Name");
  }

  @Test
  void tagAndInspectErrorsLikeDocker() throws Exception {
    SameAsDocker.check(d, "tag", "nope", "x");
    SameAsDocker.check(d, "tag", "busybox", "Bad:Name");
    SameAsDocker.check(d, "tag", "a");
    SameAsDocker.check(d, "image", "inspect", "nope");
    SameAsDocker.check(d, "image", "inspect", "-f", "{{.Id}}", "busybox", "nope");
    SameAsDocker.check(d, "image", "inspect", "-f", "{{.Nope}}", "busybox");
    SameAsDocker.check(d, "image", "inspect", "-f", "{{.Id", "busybox");
    SameAsDocker.check(d, "image", "inspect", "-f", "{{.Os}}/{{.Architecture}} {{len .RootFS.Layers}}", "busybox");
    SameAsDocker.check(d, "image", "inspect", "busybox");
    SameAsDocker.check(d, "image", "inspect", "--format", "json", "busybox", "nope");
    // usage errors: message, usage line, pointer to --help, exit 1
    SameAsDocker.check(d, "image", "inspect");
    SameAsDocker.check(d, "image", "prune", "x");
    SameAsDocker.check(d, "load", "x");
    SameAsDocker.check(d, "save");
    SameAsDocker.check(d, "image", "tag", "busybox", "-x");
  }

  @Test
  void pruneAsksFirstAndReportsWhatWent() throws Exception {
    Result no = d.berthWithInput("n\n".getBytes(), "image", "prune");
    assertThat(no.out()).isEqualTo("WARNING! This will remove all dangling images.\n"
        + "Are you sure you want to continue? [y/N] ");
    assertThat(no.code()).isZero();
    Result noAll = d.berthWithInput("\n".getBytes(), "image", "prune", "-a");
    assertThat(noAll.out()).isEqualTo("WARNING! This will remove all images without at least one"
        + " container associated to them.\nAre you sure you want to continue? [y/N] ");
    assertThat(d.berth("images", "-q").out()).isNotEmpty();
    SameAsDocker.check(d, "image", "prune", "-f");

    Result yes = d.berthWithInput("y\n".getBytes(), "image", "prune", "-a");
    assertThat(yes.out()).startsWith("WARNING! This will remove all images without at least one"
        + " container associated to them.\nAre you sure you want to continue? [y/N] Deleted Images:\n"
        + "untagged: busybox:latest\ndeleted: sha256:");
    assertThat(yes.out()).containsPattern("\n\nTotal reclaimed space: [0-9.]+[kMG]B\n$");
    assertThat(d.berth("images", "-q").out()).isEmpty();
  }

  @Test
  void saveRefusesATerminalAndLoadAnEmptyTerminal() throws Exception {
    Path script = Path.of("/usr/bin/script");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(script), "needs script(1)");
    Result save = Berthd.run(java.util.List.of(script.toString(), "-qec", d.shellCommand("save", "busybox"),
        "/dev/null"), null, java.util.Map.of());
    assertThat(save.out()).contains("cowardly refusing to save to a terminal. Use the -o flag or redirect");
    assertThat(save.code()).isEqualTo(1);
    Result load = Berthd.run(java.util.List.of(script.toString(), "-qec", d.shellCommand("load"),
        "/dev/null"), null, java.util.Map.of());
    assertThat(load.out()).contains("requested load from stdin, but stdin is empty");
    assertThat(load.code()).isEqualTo(1);
  }

  private static final String SINCE = "\"CreatedSince\":\"[^\"]*\"";

  private static String sorted(String lines) {
    String[] a = lines.split("\n");
    Arrays.sort(a);
    return String.join("\n", a);
  }
}
