package dev.berth.oci.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {
  static final String EMPTY_SHA256 =
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final String X_SHA512 = "sha512:a4abd4448c49562d828115d13a1fccea927f52b4d5459297f8b43e42"
      + "da89238bc13626e43dcb38ddb082488927ec904fb42057443983e88585179d50551afe62";

  @Test
  void parsesSha256AndSha512() {
    Digest d = Digest.parse(EMPTY_SHA256);
    assertThat(d.algorithm()).isEqualTo("sha256");
    assertThat(d.hex()).hasSize(64);
    assertThat(d.toString()).isEqualTo(EMPTY_SHA256);
    assertThat(Digest.parse(X_SHA512).algorithm()).isEqualTo("sha512");
  }

  @Test
  void equalsByValue() {
    assertThat(Digest.parse(EMPTY_SHA256)).isEqualTo(Digest.parse(EMPTY_SHA256))
        .hasSameHashCodeAs(Digest.parse(EMPTY_SHA256));
    assertThat(Digest.parse(EMPTY_SHA256)).isNotEqualTo(Digest.of(new byte[] {1}));
  }

  @Test
  void computesSha256() {
    assertThat(Digest.of(new byte[0]).toString()).isEqualTo(EMPTY_SHA256);
    byte[] x = "x".getBytes(StandardCharsets.UTF_8);
    assertThat(Digest.sha256(new ByteArrayInputStream(x))).isEqualTo(Digest.of(x));
  }

  @Test
  void rejectsUppercaseHex() {
    String bad = EMPTY_SHA256.toUpperCase().replace("SHA256", "sha256");
    assertInvalid(bad, "not lowercase hex");
  }

  @Test
  void rejectsWrongLength() {
    assertInvalid("sha256:abc123", "64 hex digits, got 6");
    assertInvalid("sha512:" + EMPTY_SHA256.substring(7), "128 hex digits, got 64");
  }

  @Test
  void rejectsUnknownAlgorithm() {
    assertInvalid("md5:d41d8cd98f00b204e9800998ecf8427e", "unsupported algorithm \"md5\"");
  }

  @Test
  void rejectsMissingColon() {
    assertInvalid("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "missing ':'");
  }

  @Test
  void rejectsNonHex() {
    assertInvalid("sha256:" + "g".repeat(64), "not lowercase hex");
  }

  @Test
  void jsonIsTheStringForm() throws Exception {
    ObjectMapper m = new ObjectMapper();
    Digest d = Digest.parse(EMPTY_SHA256);
    assertThat(m.writeValueAsString(d)).isEqualTo("\"" + EMPTY_SHA256 + "\"");
    assertThat(m.readValue("\"" + EMPTY_SHA256 + "\"", Digest.class)).isEqualTo(d);
  }

  private static void assertInvalid(String value, String reason) {
    assertThatThrownBy(() -> Digest.parse(value))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining(value)
        .hasMessageContaining(reason)
        .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
  }
}
