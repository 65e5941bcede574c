package dev.berth.oci.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import java.util.Collections;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases taken from distribution/reference's reference_test.go and normalize_test.go. */
class ImageReferenceTest {
  private static final String HEX = "f".repeat(64);
  private static final String DIGEST = "sha256:" + HEX;
  private static final String BUSYBOX_DIGEST =
      "sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa";
  private static final String IMAGE_ID =
      "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a";

  /** input, domain, path, tag (null = none), digest (null = none), toString, familiar. */
  static Stream<Arguments> valid() {
    String longPath = "a/".repeat(127) + "a";
    String a255 = "a".repeat(255);
    String tag128 = "t".repeat(128);
    String sha512 = "sha512:" + "f".repeat(128);
    return Stream.of(
        arguments("busybox", "docker.io", "library/busybox", null, null,
            "docker.io/library/busybox:latest", "busybox"),
        arguments("busybox:latest", "docker.io", "library/busybox", "latest", null,
            "docker.io/library/busybox:latest", "busybox:latest"),
        arguments("library/busybox", "docker.io", "library/busybox", null, null,
            "docker.io/library/busybox:latest", "busybox"),
        arguments("docker.io/busybox", "docker.io", "library/busybox", null, null,
            "docker.io/library/busybox:latest", "busybox"),
        arguments("index.docker.io/busybox", "docker.io", "library/busybox", null, null,
            "docker.io/library/busybox:latest", "busybox"),
        arguments("index.docker.io/library/busybox", "docker.io", "library/busybox", null, null,
            "docker.io/library/busybox:latest", "busybox"),
        arguments("docker.io/library/busybox:1.36", "docker.io", "library/busybox", "1.36", null,
            "docker.io/library/busybox:1.36", "busybox:1.36"),
        arguments("ubuntu-12.04-base", "docker.io", "library/ubuntu-12.04-base", null, null,
            "docker.io/library/ubuntu-12.04-base:latest", "ubuntu-12.04-base"),
        arguments("docker.io/foo/bar", "docker.io", "foo/bar", null, null,
            "docker.io/foo/bar:latest", "foo/bar"),
        arguments("index.docker.io/fooo/bar", "docker.io", "fooo/bar", null, null,
            "docker.io/fooo/bar:latest", "fooo/bar"),
        arguments("library/foo/bar", "docker.io", "library/foo/bar", null, null,
            "docker.io/library/foo/bar:latest", "library/foo/bar"),
        arguments("other/library", "docker.io", "other/library", null, null,
            "docker.io/other/library:latest", "other/library"),
        arguments("store/foo/bar", "docker.io", "store/foo/bar", null, null,
            "docker.io/store/foo/bar:latest", "store/foo/bar"),
        arguments("test_com/foo", "docker.io", "test_com/foo", null, null,
            "docker.io/test_com/foo:latest", "test_com/foo"),
        arguments("docker/migrator", "docker.io", "docker/migrator", null, null,
            "docker.io/docker/migrator:latest", "docker/migrator"),
        arguments("dock__er/docker", "docker.io", "dock__er/docker", null, null,
            "docker.io/dock__er/docker:latest", "dock__er/docker"),
        arguments("docker---rules/docker", "docker.io", "docker---rules/docker", null, null,
            "docker.io/docker---rules/docker:latest", "docker---rules/docker"),
        arguments("foo/foo_bar.com:8080", "docker.io", "foo/foo_bar.com", "8080", null,
            "docker.io/foo/foo_bar.com:8080", "foo/foo_bar.com:8080"),
        arguments("foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080", null,
            "docker.io/library/foo_bar.com:8080", "foo_bar.com:8080"),
        arguments("test.com:5000", "docker.io", "library/test.com", "5000", null,
            "docker.io/library/test.com:5000", "test.com:5000"),
        arguments("192.168.1.1", "docker.io", "library/192.168.1.1", null, null,
            "docker.io/library/192.168.1.1:latest", "192.168.1.1"),
        arguments("lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", null,
            "docker.io/library/lowercase:Uppercase", "lowercase:Uppercase"),
        arguments("dbcc1", "docker.io", "library/dbcc1", null, null,
            "docker.io/library/dbcc1:latest", "dbcc1"),
        arguments("docker.io/" + IMAGE_ID, "docker.io", "library/" + IMAGE_ID, null, null,
            "docker.io/library/" + IMAGE_ID + ":latest", IMAGE_ID),
        arguments("localhost:5000/foo", "localhost:5000", "foo", null, null,
            "localhost:5000/foo:latest", "localhost:5000/foo"),
        arguments("localhost/foo", "localhost", "foo", null, null,
            "localhost/foo:latest", "localhost/foo"),
        arguments("localhost/fooo/bar", "localhost", "fooo/bar", null, null,
            "localhost/fooo/bar:latest", "localhost/fooo/bar"),
        arguments("LOCALDOMAIN/fooo/bar", "LOCALDOMAIN", "fooo/bar", null, null,
            "LOCALDOMAIN/fooo/bar:latest", "LOCALDOMAIN/fooo/bar"),
        arguments("Foo/bar", "Foo", "bar", null, null, "Foo/bar:latest", "Foo/bar"),
        arguments("Docker/docker", "Docker", "docker", null, null,
            "Docker/docker:latest", "Docker/docker"),
        arguments("test-com:8080/foo", "test-com:8080", "foo", null, null,
            "test-com:8080/foo:latest", "test-com:8080/foo"),
        arguments("127.0.0.1:5000/foo:bar", "127.0.0.1:5000", "foo", "bar", null,
            "127.0.0.1:5000/foo:bar", "127.0.0.1:5000/foo:bar"),
        arguments("192.168.1.1:5000/repo:5050", "192.168.1.1:5000", "repo", "5050", null,
            "192.168.1.1:5000/repo:5050", "192.168.1.1:5000/repo:5050"),
        arguments("example.com:8000/private/moonbase", "example.com:8000", "private/moonbase",
            null, null, "example.com:8000/private/moonbase:latest",
            "example.com:8000/private/moonbase"),
        arguments("[::1]:5000/foo", "[::1]:5000", "foo", null, null,
            "[::1]:5000/foo:latest", "[::1]:5000/foo"),
        arguments("[2001:db8::1]/repo", "[2001:db8::1]", "repo", null, null,
            "[2001:db8::1]/repo:latest", "[2001:db8::1]/repo"),
        arguments("[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]", "repo", "tag",
            null, "[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]/repo:tag"),
        arguments("[2001:db8::1]:5000/repo:tag@" + DIGEST, "[2001:db8::1]:5000", "repo", "tag",
            DIGEST, "[2001:db8::1]:5000/repo:tag@" + DIGEST,
            "[2001:db8::1]:5000/repo:tag@" + DIGEST),
        arguments("example.com/a/b/c:tag@" + DIGEST, "example.com", "a/b/c", "tag", DIGEST,
            "example.com/a/b/c:tag@" + DIGEST, "example.com/a/b/c:tag@" + DIGEST),
        arguments("test:5000/repo@" + DIGEST, "test:5000", "repo", null, DIGEST,
            "test:5000/repo@" + DIGEST, "test:5000/repo@" + DIGEST),
        arguments("foo@" + DIGEST, "docker.io", "library/foo", null, DIGEST,
            "docker.io/library/foo@" + DIGEST, "foo@" + DIGEST),
        arguments("busybox:latest@" + BUSYBOX_DIGEST, "docker.io", "library/busybox", "latest",
            BUSYBOX_DIGEST, "docker.io/library/busybox:latest@" + BUSYBOX_DIGEST,
            "busybox:latest@" + BUSYBOX_DIGEST),
        arguments("dmcgowan/myapp@" + DIGEST, "docker.io", "dmcgowan/myapp", null, DIGEST,
            "docker.io/dmcgowan/myapp@" + DIGEST, "dmcgowan/myapp@" + DIGEST),
        arguments("foo@" + sha512, "docker.io", "library/foo", null, sha512,
            "docker.io/library/foo@" + sha512, "foo@" + sha512),
        arguments("xn--7o8h.com/myimage:xn--7o8h.com@" + DIGEST, "xn--7o8h.com", "myimage",
            "xn--7o8h.com", DIGEST, "xn--7o8h.com/myimage:xn--7o8h.com@" + DIGEST,
            "xn--7o8h.com/myimage:xn--7o8h.com@" + DIGEST),
        arguments("sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com",
            "bar/baz/quux", "some-long-tag", null, "sub-dom1.foo.com/bar/baz/quux:some-long-tag",
            "sub-dom1.foo.com/bar/baz/quux:some-long-tag"),
        arguments("b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io",
            "test.example.com/my-app", "test.example.com", null,
            "b.gcr.io/test.example.com/my-app:test.example.com",
            "b.gcr.io/test.example.com/my-app:test.example.com"),
        arguments("example.com/" + a255 + ":tag", "example.com", a255, "tag", null,
            "example.com/" + a255 + ":tag", "example.com/" + a255 + ":tag"),
        arguments(longPath + ":tag-puts-this-over-max", "docker.io", longPath,
            "tag-puts-this-over-max", null, "docker.io/" + longPath + ":tag-puts-this-over-max",
            longPath + ":tag-puts-this-over-max"),
        arguments("foo:" + tag128, "docker.io", "library/foo", tag128, null,
            "docker.io/library/foo:" + tag128, "foo:" + tag128));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parsesAndNormalizes(
      String input, String domain, String path, String tag, String digest, String full,
      String familiar) {
    ImageReference ref = ImageReference.parse(input);

    assertThat(ref.domain()).isEqualTo(domain);
    assertThat(ref.path()).isEqualTo(path);
    assertThat(ref.repository()).isEqualTo(path);
    assertThat(ref.name()).isEqualTo(domain + "/" + path);
    assertThat(ref.tag()).isEqualTo(Optional.ofNullable(tag));
    assertThat(ref.digest()).isEqualTo(Optional.ofNullable(digest));
    assertThat(ref.tagOrLatest()).isEqualTo(tag == null ? "latest" : tag);
    assertThat(ref.isDigestOnly()).isEqualTo(digest != null && tag == null);
    assertThat(ref.toString()).isEqualTo(full);
    assertThat(ref.familiar()).isEqualTo(familiar);
    // Both printed forms read back as the same reference (but a familiar 64-hex name is refused
    // as an image ID, as in Docker).
    if (!familiar.equals(IMAGE_ID)) {
      assertThat(ImageReference.parse(ref.familiar())).isEqualTo(ref);
    }
    assertThat(ImageReference.parse(ref.toString()).toString()).isEqualTo(full);
  }

  /** input, the reason Docker gives. */
  static Stream<Arguments> invalid() {
    String format = "invalid reference format";
    String tooLong = "repository name must not be more than 255 characters";
    return Stream.of(
        arguments("", format),
        arguments(":justtag", format),
        arguments("@" + DIGEST, format),
        arguments("foo:", format),
        arguments("foo@", format),
        arguments("foo//bar", format),
        arguments("docker///docker", format),
        arguments("docker.io/docker///docker", format),
        arguments("docker/", format),
        arguments("-docker", format),
        arguments("-docker/docker", format),
        arguments("docker-/docker", format),
        arguments("-docker.io/docker/docker", format),
        arguments("____/____", format),
        arguments("_docker/_docker", format),
        arguments("dock..er/docker", format),
        arguments("dock_.er/docker", format),
        arguments("dock-.er/docker", format),
        arguments("aa/asdf$$^/aa", format),
        arguments("https://github.com/docker/docker", format),
        arguments("foo:-tag", format),
        arguments("foo:" + "t".repeat(129), format),
        arguments("foo:bar:baz", format),
        arguments("foo@sha256:" + "f".repeat(31), format),
        arguments("foo@" + DIGEST + "@" + DIGEST, format),
        arguments("[2001:db8::1]", format),
        arguments("[2001:db8::1]:5000", format),
        arguments("[2001:db8::1]:tag", format),
        arguments("[fc00::1]:5000", format),
        arguments("fc00::1:5000/debian", format),
        arguments("[fe80::1%eth0]:5000/repo", format),
        arguments("[fe80::1%@invalidzone]:5000/repo", format),
        arguments("[2001:db8:3:4::192.0.2.33]:5000/debian", format),
        arguments("localhost:port/foo", format),
        // Docker keeps this as a path with no domain; Berth refuses it (see ImageReference).
        arguments("foo_bar.com/x", format),
        arguments("Foo", "invalid reference format: repository name (library/Foo) must be lowercase"),
        arguments("Uppercase:tag",
            "invalid reference format: repository name (library/Uppercase) must be lowercase"),
        arguments("docker/Docker",
            "invalid reference format: repository name (docker/Docker) must be lowercase"),
        arguments("docker.io/docker/Docker",
            "invalid reference format: repository name (docker/Docker) must be lowercase"),
        arguments("test:5000/Uppercase/lowercase:tag",
            "invalid reference format: repository name (Uppercase/lowercase) must be lowercase"),
        arguments("Foo_Bar/x", "repository name must be lowercase"),
        arguments("domain/" + "a".repeat(256) + ":tag", tooLong),
        arguments("example.com/" + "a".repeat(256), tooLong),
        arguments("a".repeat(250), tooLong), // library/ + 250
        arguments(String.join("_", Collections.nCopies(4,
            "this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255")) + "/docker",
            tooLong),
        arguments(IMAGE_ID,
            "invalid repository name, cannot specify 64-byte hexadecimal strings"),
        arguments("foo@sha256:" + "f".repeat(63), "invalid checksum digest length"),
        arguments("repo@sha256:" + "f".repeat(34), "invalid checksum digest length"),
        arguments("foo@sha512:" + HEX, "invalid checksum digest length"),
        arguments("foo@sha256:" + "F".repeat(64), "invalid checksum digest format"),
        arguments("validname@invaliddigest:" + HEX, "unsupported digest algorithm"));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("invalid")
  void refusesWithDockersReason(String input, String reason) {
    assertThatThrownBy(() -> ImageReference.parse(input))
        .isInstanceOfSatisfying(
            BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
        .hasMessage(reason + ": \"" + input + "\"");
  }

  @Test
  void equalityIsByPartsAsWritten() {
    ImageReference busybox = ImageReference.parse("busybox");
    assertThat(ImageReference.parse("docker.io/library/busybox")).isEqualTo(busybox);
    assertThat(ImageReference.parse("index.docker.io/busybox")).hasSameHashCodeAs(busybox);
    assertThat(ImageReference.parse("busybox:latest")).isNotEqualTo(busybox);
    assertThat(ImageReference.parse("busybox:latest").toString()).isEqualTo(busybox.toString());
  }

  @Test
  void registryHostIsTheHostToContact() {
    assertThat(ImageReference.parse("busybox").registryHost()).isEqualTo("registry-1.docker.io");
    assertThat(ImageReference.parse("index.docker.io/foo/bar").registryHost())
        .isEqualTo("registry-1.docker.io");
    assertThat(ImageReference.parse("localhost:5000/foo").registryHost())
        .isEqualTo("localhost:5000");
    assertThat(ImageReference.parse("[::1]:5000/foo").registryHost()).isEqualTo("[::1]:5000");
    assertThat(ImageReference.parse("ghcr.io/a/b").registryHost()).isEqualTo("ghcr.io");
  }

  @Test
  void familiarNameDropsOnlyTheDefaults() {
    assertThat(ImageReference.parse("busybox:1@" + DIGEST).familiarName()).isEqualTo("busybox");
    assertThat(ImageReference.parse("docker.io/foo/bar").familiarName()).isEqualTo("foo/bar");
    assertThat(ImageReference.parse("library/foo/bar").familiarName())
        .isEqualTo("library/foo/bar");
    assertThat(ImageReference.parse("example.com/library/foo").familiarName())
        .isEqualTo("example.com/library/foo");
  }

  @Test
  void withTagKeepsTheDigest() {
    ImageReference ref = ImageReference.parse("foo@" + DIGEST).withTag("v1");
    assertThat(ref.tag()).contains("v1");
    assertThat(ref.digest()).contains(DIGEST);
    assertThat(ref.isDigestOnly()).isFalse();
    assertThat(ref).hasToString("docker.io/library/foo:v1@" + DIGEST);
  }

  @Test
  void withDigestKeepsTheTag() {
    ImageReference ref = ImageReference.parse("example.com/a:v1").withDigest(DIGEST);
    assertThat(ref).hasToString("example.com/a:v1@" + DIGEST);
    ImageReference pinned = ImageReference.parse("example.com/a").withDigest(DIGEST);
    assertThat(pinned.isDigestOnly()).isTrue();
    assertThat(pinned).hasToString("example.com/a@" + DIGEST);
    assertThat(pinned.tagOrLatest()).isEqualTo("latest");
  }

  @Test
  void withTagRefusesABadTag() {
    ImageReference ref = ImageReference.parse("busybox");
    assertThatThrownBy(() -> ref.withTag("-foo"))
        .isInstanceOf(BerthException.class)
        .hasMessage("invalid tag format: \"-foo\"");
    assertThatThrownBy(() -> ref.withTag("t".repeat(129)))
        .hasMessageStartingWith("invalid tag format: \"ttt");
    assertThatThrownBy(() -> ref.withTag("")).hasMessage("invalid tag format: \"\"");
  }

  @Test
  void withDigestRefusesABadDigest() {
    ImageReference ref = ImageReference.parse("busybox");
    assertThatThrownBy(() -> ref.withDigest("foo"))
        .isInstanceOf(BerthException.class)
        .hasMessage("invalid checksum digest format: \"foo\"");
    assertThatThrownBy(() -> ref.withDigest("sha256:abc"))
        .hasMessage("invalid checksum digest length: \"sha256:abc\"");
    assertThatThrownBy(() -> ref.withDigest("md5:" + "f".repeat(32)))
        .hasMessage("unsupported digest algorithm: \"md5:" + "f".repeat(32) + "\"");
  }

  @Test
  void longInputsFailFast() {
    String hostile = "a" + "-".repeat(200_000) + "!";
    assertThatThrownBy(() -> ImageReference.parse(hostile))
        .hasMessageStartingWith("invalid reference format");
    String hostileDomain = "a" + "-".repeat(200_000) + ".com/x!";
    assertThatThrownBy(() -> ImageReference.parse(hostileDomain))
        .hasMessageStartingWith("invalid reference format");
  }
}
