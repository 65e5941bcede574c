package dev.berth.image.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.MediaTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerBlobsTest {
  @TempDir Path tmp;

  private static Digest d(String text) {
    return Digest.of(text.getBytes());
  }

  @Test
  void keepsEachBlobOncePerRepositoryNewestFirstAcrossReopens() throws Exception {
    Digest layer = d("layer");
    Descriptor gz = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, d("gz"), 10);
    Descriptor other = Descriptor.of(MediaTypes.DOCKER_LAYER_GZIP, d("other"), 12);
    LayerBlobs blobs = LayerBlobs.open(tmp.resolve("distribution"));
    assertThat(blobs.find(layer)).isEmpty();
    blobs.add(new LayerBlob(layer, gz, "localhost:5000", "a/b"));
    blobs.add(new LayerBlob(layer, other, "docker.io", "library/x"));
    blobs.add(new LayerBlob(layer, gz, "localhost:5000", "a/b"));
    LayerBlobs reopened = LayerBlobs.open(tmp.resolve("distribution"));
    assertThat(reopened.find(layer)).containsExactly(
        new LayerBlob(layer, gz, "localhost:5000", "a/b"),
        new LayerBlob(layer, other, "docker.io", "library/x"));
    assertThat(reopened.find(d("another layer"))).isEmpty();
  }

  @Test
  void aDamagedLineIsNoHintAndNoFailure() throws Exception {
    Digest layer = d("layer");
    LayerBlobs blobs = LayerBlobs.open(tmp);
    blobs.add(new LayerBlob(layer, Descriptor.of(MediaTypes.OCI_LAYER_GZIP, d("gz"), 10),
        "r", "a/b"));
    Path file = tmp.resolve("sha256").resolve(layer.hex());
    Files.writeString(file, "garbage line\nr a/b x sha256:zz 1\n" + Files.readString(file));
    assertThat(blobs.find(layer)).hasSize(1);
  }
}
