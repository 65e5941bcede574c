package dev.berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A one-layer OCI image layout made from the busybox rootfs fixture, for skopeo to copy from.
 *
 * @param manifest the manifest's digest
 * @param layer the gzipped layer's digest
 */
record OciLayoutFixture(Path dir, Digest manifest, Digest layer, Digest config) {
  static OciLayoutFixture make(Path dir, String tag) throws Exception {
    Path top = Path.of(System.getProperty("berth.top", "../"));
    Path tar = dir.resolve("rootfs.tar");
    Process p = new ProcessBuilder(top.resolve("scripts/fixtures/busybox-rootfs.sh").toString(),
        tar.toString()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
    byte[] rootfs = Files.readAllBytes(tar);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(rootfs);
    }
    byte[] layer = gz.toByteArray();
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"sh\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + Digest.of(rootfs) + "\"]}}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] manifest = TestImages.manifest(Digest.of(config), config.length, Digest.of(layer),
        layer.length);
    Path layout = dir.resolve("layout");
    Files.createDirectories(layout.resolve("blobs/sha256"));
    for (byte[] blob : new byte[][] {layer, config, manifest}) {
      Files.write(layout.resolve("blobs/sha256/" + Digest.of(blob).hex()), blob);
    }
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{"
        + "\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + Digest.of(manifest)
        + "\",\"size\":" + manifest.length + ",\"annotations\":{"
        + "\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
    Files.delete(tar);
    return new OciLayoutFixture(layout, Digest.of(manifest), Digest.of(layer), Digest.of(config));
  }
}
