package dev.berth.oci.image;

import static dev.berth.oci.image.Samples.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
  private static final ObjectMapper TREES = new ObjectMapper();

  @Test
  void ociManifest() {
    var m = (ImageManifest) ManifestParser.parse(bytes(Samples.OCI_MANIFEST), null);
    assertThat(m.docker()).isFalse();
    assertThat(m.config().mediaType()).isEqualTo(MediaTypes.OCI_CONFIG);
    assertThat(m.config().size()).isEqualTo(7023);
    assertThat(m.layers()).hasSize(3);
    assertThat(m.layers()).extracting(d -> MediaTypes.compressionOf(d.mediaType()))
        .containsExactly(Compression.GZIP, Compression.ZSTD, Compression.GZIP);
    assertThat(m.layers().get(2).urls()).containsExactly(
        "https://mirror.example.com/layers/base.tar.gz");
    assertThat(m.subject().digest().hex()).startsWith("0697c0f4");
    assertThat(m.annotations()).containsEntry("com.example.key1", "value1");
    assertRoundTrip(Samples.OCI_MANIFEST, m);
  }

  @Test
  void dockerSchema2Manifest() {
    var m = (ImageManifest) ManifestParser.parse(bytes(Samples.DOCKER_MANIFEST), null);
    assertThat(m.docker()).isTrue();
    assertThat(m.config().mediaType()).isEqualTo(MediaTypes.DOCKER_CONFIG);
    assertThat(MediaTypes.isNondistributable(m.layers().get(1).mediaType())).isTrue();
    assertRoundTrip(Samples.DOCKER_MANIFEST, m);
  }

  @Test
  void ociIndex() {
    var index = (ImageIndex) ManifestParser.parse(bytes(Samples.OCI_INDEX), null);
    assertThat(index.manifests()).hasSize(3);
    assertRoundTrip(Samples.OCI_INDEX, index);
  }

  @Test
  void dockerManifestList() {
    var list = (ImageIndex) ManifestParser.parse(bytes(Samples.DOCKER_MANIFEST_LIST), null);
    assertThat(list.manifests().get(1).platform().osVersion()).isEqualTo("10.0.17763.5458");
    assertThat(list.manifests().get(1).platform().osFeatures()).containsExactly("win32k");
    assertRoundTrip(Samples.DOCKER_MANIFEST_LIST, list);
  }

  @Test
  void selectsHostPlatformByDefault() {
    var index = (ImageIndex) ManifestParser.parse(bytes(Samples.OCI_INDEX), null);
    Descriptor d = index.select(Platform.host());
    assertThat(d.platform().architecture()).isEqualTo(Platform.host().architecture());
  }

  @Test
  void selectsExplicitArm64() {
    var index = (ImageIndex) ManifestParser.parse(bytes(Samples.OCI_INDEX), null);
    assertThat(index.select(Platform.parse("linux/arm64")).digest().hex()).startsWith("ddf7ff5e");
    assertThat(index.select(Platform.parse("linux/arm64/v8")).digest().hex())
        .startsWith("ddf7ff5e");
    assertThat(index.select(Platform.parse("linux/amd64")).digest().hex()).startsWith("240389f4");
  }

  @Test
  void selectsArmV7FromManifestList() {
    var list = (ImageIndex) ManifestParser.parse(bytes(Samples.DOCKER_MANIFEST_LIST), null);
    assertThat(list.select(Platform.parse("linux/arm")).digest().hex()).startsWith("2804bad6");
    assertThat(list.select(Platform.parse("windows/amd64")).platform().os()).isEqualTo("windows");
  }

  @Test
  void missingPlatformListsWhatExists() {
    var index = (ImageIndex) ManifestParser.parse(bytes(Samples.OCI_INDEX), null);
    assertThatThrownBy(() -> index.select(Platform.parse("linux/riscv64")))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("linux/riscv64")
        .hasMessageContaining("linux/amd64, linux/arm64/v8, unknown/unknown")
        .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThatThrownBy(() -> index.select(Platform.parse("linux/arm64/v9")))
        .hasMessageContaining("linux/arm64/v8");
  }

  @Test
  void usesHintWhenTheJsonHasNoMediaType() {
    String noType = Samples.OCI_INDEX.replace(
        "\"mediaType\": \"application/vnd.oci.image.index.v1+json\",", "");
    assertThat(ManifestParser.parse(bytes(noType), MediaTypes.OCI_INDEX + "; charset=utf-8"))
        .isInstanceOf(ImageIndex.class);
    assertThat(ManifestParser.parse(bytes(noType), null)).isInstanceOf(ImageIndex.class);
  }

  @Test
  void unknownMediaTypeIsNamed() {
    String schema1 = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    String json = "{\"schemaVersion\": 2, \"mediaType\": \"" + schema1 + "\"}";
    assertInvalid(json, null, schema1);
    String noType = "{\"schemaVersion\": 2, \"config\": {}}";
    assertInvalid(noType, "text/html", "\"text/html\"");
  }

  @Test
  void schemaVersionOtherThan2IsNamed() {
    assertInvalid(Samples.DOCKER_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": 1"),
        null, "schemaVersion 1");
    assertInvalid("{\"mediaType\": \"" + MediaTypes.OCI_MANIFEST + "\"}", null,
        "schemaVersion (missing)");
  }

  @Test
  void invalidDescriptorInsideIsReported() {
    assertInvalid(Samples.OCI_MANIFEST.replace("\"size\": 7023", "\"size\": -1"), null,
        "size -1 is negative");
    assertInvalid(Samples.DOCKER_MANIFEST.replace("sha256:df84", "sha256:DF84"), null,
        "sha256:DF84");
    assertInvalid("{\"schemaVersion\": 2, \"mediaType\": \"" + MediaTypes.OCI_MANIFEST + "\"}",
        null, "config descriptor is missing");
    assertInvalid("{not json", null, "parsing manifest");
  }

  private static void assertInvalid(String json, String hint, String named) {
    assertThatThrownBy(() -> ManifestParser.parse(bytes(json), hint))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining(named)
        .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
  }

  static void assertRoundTrip(String original, ManifestDocument parsed) {
    try {
      byte[] written = ManifestParser.write(parsed);
      assertThat(TREES.readTree(written)).isEqualTo(TREES.readTree(original));
      assertThat(ManifestParser.parse(written, null)).isEqualTo(parsed);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
