package dev.berth.oci.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import org.junit.jupiter.api.Test;

class MediaTypesTest {
  @Test
  void classifiesManifestsAndIndexes() {
    assertThat(MediaTypes.isManifest(MediaTypes.OCI_MANIFEST)).isTrue();
    assertThat(MediaTypes.isManifest(MediaTypes.DOCKER_MANIFEST + "; charset=utf-8")).isTrue();
    assertThat(MediaTypes.isManifest(MediaTypes.OCI_INDEX)).isFalse();
    assertThat(MediaTypes.isIndex(MediaTypes.OCI_INDEX)).isTrue();
    assertThat(MediaTypes.isIndex(MediaTypes.DOCKER_MANIFEST_LIST)).isTrue();
    assertThat(MediaTypes.isIndex(null)).isFalse();
    assertThat(MediaTypes.isConfig(MediaTypes.DOCKER_CONFIG)).isTrue();
  }

  @Test
  void layersAndTheirCompression() {
    assertThat(MediaTypes.compressionOf(MediaTypes.OCI_LAYER)).isEqualTo(Compression.NONE);
    assertThat(MediaTypes.compressionOf(MediaTypes.OCI_LAYER_GZIP)).isEqualTo(Compression.GZIP);
    assertThat(MediaTypes.compressionOf(MediaTypes.OCI_LAYER_ZSTD)).isEqualTo(Compression.ZSTD);
    assertThat(MediaTypes.compressionOf(MediaTypes.OCI_LAYER_NONDISTRIBUTABLE_GZIP))
        .isEqualTo(Compression.GZIP);
    assertThat(MediaTypes.compressionOf(MediaTypes.DOCKER_LAYER_GZIP)).isEqualTo(Compression.GZIP);
    assertThat(MediaTypes.compressionOf(MediaTypes.DOCKER_FOREIGN_LAYER_GZIP))
        .isEqualTo(Compression.GZIP);
    assertThat(MediaTypes.isLayer(MediaTypes.OCI_LAYER_ZSTD)).isTrue();
    assertThat(MediaTypes.isLayer(MediaTypes.OCI_CONFIG)).isFalse();
    assertThat(MediaTypes.isNondistributable(MediaTypes.DOCKER_FOREIGN_LAYER_GZIP)).isTrue();
    assertThat(MediaTypes.isNondistributable(MediaTypes.OCI_LAYER_GZIP)).isFalse();
  }

  @Test
  void unknownLayerMediaTypeIsNamed() {
    String odd = "application/vnd.oci.image.layer.v1.tar+lz4";
    assertThatThrownBy(() -> MediaTypes.compressionOf(odd))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining(odd)
        .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    assertThatThrownBy(() -> MediaTypes.compressionOf(null))
        .hasMessageContaining("\"null\"");
  }
}
