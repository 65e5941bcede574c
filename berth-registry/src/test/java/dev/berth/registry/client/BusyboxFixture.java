package dev.berth.registry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.image.ImageService;
import dev.berth.image.ImportOptions;
import dev.berth.image.LoadedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The busybox test image: {@code scripts/fixtures/busybox-rootfs.sh} imported into a service. */
final class BusyboxFixture {
  private static final Path TOP = Path.of(System.getProperty("berth.top", "."));

  private BusyboxFixture() {}

  /** Makes the root file system tarball at {@code tar}. */
  static void rootfs(Path tar) throws Exception {
    Process p = new ProcessBuilder(TOP.resolve("scripts/fixtures/busybox-rootfs.sh").toString(),
        tar.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }

  /** Imports busybox into {@code images} as {@code name}. */
  static LoadedImage importInto(ImageService images, Path tar, String name) throws Exception {
    try (InputStream in = Files.newInputStream(tar)) {
      return images.importImage(in, new ImportOptions(name, List.of("CMD [\"sh\"]"), null, null,
          "-"));
    }
  }
}
