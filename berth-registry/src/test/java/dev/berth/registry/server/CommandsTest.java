package dev.berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.oci.image.Digest;
import dev.berth.registry.server.storage.BlobStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The serve and gc commands' options, as berth registry and bin/berth-registry parse them. */
class CommandsTest {
  @TempDir
  Path dir;

  @Test
  void serveOptionsBecomeTheConfig() {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--addr", "127.0.0.1:5123", "--root", dir.toString(),
        "--max-manifest-size", "8MiB", "--max-body-size", "1G", "--repository-quota", "512k",
        "--gc-interval", "2h", "--gc-grace", "30m");
    RegistryConfig config = serve.config();
    assertThat(config.address().getPort()).isEqualTo(5123);
    assertThat(config.address().getHostString()).isEqualTo("127.0.0.1");
    assertThat(config.maxManifestBytes()).isEqualTo(8L << 20);
    assertThat(config.maxBodyBytes()).isEqualTo(1L << 30);
    assertThat(config.repositoryQuotaBytes()).isEqualTo(512L << 10);
    assertThat(config.gcInterval()).isEqualTo(Duration.ofHours(2));
    assertThat(config.gcGrace()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void defaultAddressIsEveryInterfaceOn5000() {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--root", dir.toString());
    assertThat(serve.config().address().getPort()).isEqualTo(5000);
    assertThat(serve.config().address().getAddress().isAnyLocalAddress()).isTrue();
  }

  @Test
  void badValuesAreNamed() {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--root", dir.toString(), "--addr", "nowhere");
    assertThatThrownBy(serve::config).isInstanceOf(BerthException.class)
        .hasMessageContaining("\"nowhere\"");
    ServeCommand size = new ServeCommand();
    new CommandLine(size).parseArgs("--root", dir.toString(), "--max-body-size", "lots");
    assertThatThrownBy(size::config).hasMessageContaining("\"lots\"");
    ServeCommand tls = new ServeCommand();
    new CommandLine(tls).parseArgs("--root", dir.toString(), "--tls-cert", "c.pem");
    assertThatThrownBy(tls::config).hasMessageContaining("--tls-key");
  }

  @Test
  void gcDryRunListsAndTheRealRunDeletes() throws Exception {
    Path root = dir.resolve("root");
    BlobStore blobs = new BlobStore(root);
    byte[] orphan = "orphan".getBytes(StandardCharsets.UTF_8);
    blobs.put(orphan, Digest.of(orphan));
    Files.setLastModifiedTime(blobs.path(Digest.of(orphan)),
        FileTime.from(Instant.now().minus(Duration.ofHours(3))));
    String dry = run("gc", "--root", root.toString(), "--dry-run");
    assertThat(dry).contains("would delete " + Digest.of(orphan));
    assertThat(blobs.exists(Digest.of(orphan))).isTrue();
    String real = run("gc", "--root", root.toString(), "--grace", "1h");
    assertThat(real).contains("deleted " + Digest.of(orphan)).contains("freed 6 bytes");
    assertThat(blobs.exists(Digest.of(orphan))).isFalse();
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new RegistryMain());
    cli.setOut(new PrintWriter(out));
    java.io.PrintStream saved = System.out;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(cli.execute(args)).isZero();
    } finally {
      System.setOut(saved);
    }
    return captured.toString(StandardCharsets.UTF_8) + out;
  }
}
