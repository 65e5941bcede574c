package dev.berth.oci.image;

import static dev.berth.oci.image.Samples.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageConfigTest {
  private static final ObjectMapper TREES = new ObjectMapper();

  @Test
  void readsEveryDockerField() {
    ImageConfig c = ImageConfig.parse(bytes(Samples.DOCKER_CONFIG));
    assertThat(c.platform()).isEqualTo(Platform.parse("linux/amd64"));
    assertThat(c.created()).isEqualTo("2024-05-01T10:00:00.123456789Z");
    assertThat(c.author()).isEqualTo("Berth Tests <tests@berth.dev>");
    ImageConfig.ContainerConfig cc = c.config();
    assertThat(cc.user()).isEqualTo("nginx:nginx");
    assertThat(cc.exposedPorts()).containsOnlyKeys("80/tcp", "443/tcp");
    assertThat(cc.env()).hasSize(2).contains("NGINX_VERSION=1.25.3");
    assertThat(cc.entrypoint()).containsExactly("/docker-entrypoint.sh");
    assertThat(cc.cmd()).containsExactly("nginx", "-g", "daemon off;");
    assertThat(cc.volumes()).containsOnlyKeys("/var/cache/nginx");
    assertThat(cc.workingDir()).isEqualTo("/usr/share/nginx/html");
    assertThat(cc.labels()).containsEntry("org.example.tier", "web");
    assertThat(cc.stopSignal()).isEqualTo("SIGQUIT");
    assertThat(cc.onBuild()).containsExactly("RUN echo child build");
    assertThat(cc.shell()).containsExactly("/bin/bash", "-c");
    assertThat(cc.argsEscaped()).isTrue();
    assertThat(cc.healthcheck().test()).startsWith("CMD-SHELL");
    assertThat(cc.healthcheck().interval()).isEqualTo(30_000_000_000L);
    assertThat(cc.healthcheck().timeout()).isEqualTo(5_000_000_000L);
    assertThat(cc.healthcheck().startPeriod()).isEqualTo(10_000_000_000L);
    assertThat(cc.healthcheck().retries()).isEqualTo(3);
    assertThat(cc.extra()).containsEntry("Hostname", "").containsKey("Image");
    assertThat(c.rootfs().diffIds()).extracting(Digest::hex)
        .containsExactly("0697c0f434f8672811eb1b52d443d0d4cb616fa58e4d10b25e91471b7f45a665",
            "a9485d17c39b521f9de31b558df98f81dd72a9c7498f57f27b74356ea150fbd9");
    assertThat(c.history()).hasSize(3);
    assertThat(c.history().get(1).emptyLayer()).isTrue();
    assertThat(c.history().get(0).emptyLayer()).isNull();
    assertThat(c.history().get(2).comment()).isEqualTo("buildkit.dockerfile.v0");
    assertThat(c.history().get(2).createdBy()).startsWith("RUN");
    assertThat(c.extra()).containsKeys("docker_version", "container", "container_config");
  }

  @Test
  void dockerConfigRoundTripsInContent() throws Exception {
    ImageConfig c = ImageConfig.parse(bytes(Samples.DOCKER_CONFIG));
    byte[] written = c.toJson();
    assertThat(TREES.readTree(written)).isEqualTo(TREES.readTree(Samples.DOCKER_CONFIG));
    assertThat(ImageConfig.parse(written)).isEqualTo(c);
  }

  @Test
  void ociConfigRoundTrips() throws Exception {
    ImageConfig c = ImageConfig.parse(bytes(Samples.OCI_CONFIG));
    assertThat(c.platform().toString()).isEqualTo("linux/arm64/v8");
    assertThat(c.rootfs().diffIds()).isEmpty();
    assertThat(TREES.readTree(c.toJson())).isEqualTo(TREES.readTree(Samples.OCI_CONFIG));
  }

  @Test
  void rejectsWrongRootfsTypeAndBadDiffIds() {
    assertThatThrownBy(() -> ImageConfig.parse(bytes(
        Samples.OCI_CONFIG.replace("\"type\": \"layers\"", "\"type\": \"squashfs\""))))
        .isInstanceOf(BerthException.class).hasMessageContaining("\"squashfs\"");
    assertThatThrownBy(() -> ImageConfig.parse(bytes(
        Samples.OCI_CONFIG.replace("\"diff_ids\": []", "\"diff_ids\": [\"sha1:abc\"]"))))
        .isInstanceOf(BerthException.class).hasMessageContaining("sha1:abc");
    assertThatThrownBy(() -> ImageConfig.parse(bytes("{\"os\": \"linux\"}")))
        .isInstanceOf(BerthException.class).hasMessageContaining("architecture is missing");
  }

  @Test
  void valuesAreImmutable() {
    ImageConfig c = ImageConfig.parse(bytes(Samples.DOCKER_CONFIG));
    assertThatThrownBy(() -> c.config().env().add("X=1"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.config().labels().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(ImageConfig.RootFs.of(List.of()).type()).isEqualTo("layers");
  }
}
