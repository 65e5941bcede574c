package dev.berth.engine.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.HostConfig;
import dev.berth.engine.Mount;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code -v} and {@code --mount} as Docker reads them, and its messages for bad ones. */
class MountSpecsTest {

  @Test
  void aSourceThatIsNoPathNamesAVolume() {
    MountPoint m = MountSpecs.bind("data:/var/lib/data/").mount();
    assertThat(m.type()).isEqualTo(MountPoint.VOLUME);
    assertThat(m.name()).isEqualTo("data");
    assertThat(m.destination()).isEqualTo("/var/lib/data");
    assertThat(m.mode()).isEqualTo("z");
    assertThat(m.rw()).isTrue();
    assertThat(m.copyData()).isTrue();

    MountPoint ro = MountSpecs.bind("data:/d:ro,nocopy").mount();
    assertThat(ro.rw()).isFalse();
    assertThat(ro.copyData()).isFalse();
    assertThat(ro.mode()).isEqualTo("ro,nocopy");
  }

  @Test
  void anAbsoluteSourceIsABindWithItsPropagation() {
    MountPoint m = MountSpecs.bind("/srv//www/:/www:ro,rshared").mount();
    assertThat(m.type()).isEqualTo(MountPoint.BIND);
    assertThat(m.source()).isEqualTo("/srv/www");
    assertThat(m.propagation()).isEqualTo("rshared");
    assertThat(m.rw()).isFalse();
    assertThat(MountSpecs.bind("/srv:/www").mount().propagation()).isEqualTo("rprivate");
  }

  @Test
  void aDestinationAloneIsAnAnonymousVolume() {
    MountPoint m = MountSpecs.bind("/cache").mount();
    assertThat(m.type()).isEqualTo(MountPoint.VOLUME);
    assertThat(m.name()).isEmpty();
    assertThat(m.destination()).isEqualTo("/cache");
  }

  @Test
  void badSpecsAreRefusedNamingTheBadPart() {
    assertInvalid(() -> MountSpecs.bind("a:b:c:d"), "invalid volume specification: 'a:b:c:d'");
    assertInvalid(() -> MountSpecs.bind("vol:data"), "mount path must be absolute");
    assertInvalid(() -> MountSpecs.bind("vol:/d:bogus"), "invalid mode: bogus");
    assertInvalid(() -> MountSpecs.bind("vol:/d:rshared"), "invalid mode: rshared");
    assertInvalid(() -> MountSpecs.bind("/h:/d:nocopy"), "invalid mode: nocopy");
    assertInvalid(() -> MountSpecs.bind("./rel:/d"), "\"./rel\" includes invalid characters"
        + " for a local volume name");
    assertInvalid(() -> MountSpecs.bind("vol:/"), "destination can't be '/'");
  }

  @Test
  void mountsOfEachTypeWithTheirOptions() {
    MountRequest v = MountSpecs.mount(new Mount("volume", "", "/data", true, null,
        new Mount.VolumeOptions(true, Map.of("k", "v"), new Mount.DriverConfig("local",
            Map.of("type", "tmpfs", "device", "tmpfs"))), null));
    assertThat(v.mount().name()).isEmpty();
    assertThat(v.mount().rw()).isFalse();
    assertThat(v.mount().copyData()).isFalse();
    assertThat(v.labels()).containsEntry("k", "v");
    assertThat(v.options()).containsEntry("type", "tmpfs");

    MountRequest t = MountSpecs.mount(new Mount("tmpfs", null, "/t", false, null, null,
        new Mount.TmpfsOptions(1 << 20, 01777)));
    assertThat(t.mount().tmpfsOptions()).containsExactly("size=1048576", "mode=1777");

    MountRequest b = MountSpecs.mount(new Mount("bind", "/tmp", "/h", false,
        new Mount.BindOptions("rslave", false), null, null));
    assertThat(b.mount().propagation()).isEqualTo("rslave");

    assertInvalid(() -> MountSpecs.mount(new Mount("bind", "/no/such/dir", "/h", false, null,
        null, null)), "invalid mount config for type \"bind\": bind source path does not exist:"
        + " /no/such/dir");
    assertThat(MountSpecs.mount(new Mount("bind", "/no/such/dir", "/h", false,
        new Mount.BindOptions(null, true), null, null)).mount().source())
        .isEqualTo("/no/such/dir");
    assertInvalid(() -> MountSpecs.mount(new Mount("tmpfs", "x", "/t", false, null, null,
        null)), "invalid mount config for type \"tmpfs\": field Source must not be specified");
    assertInvalid(() -> MountSpecs.mount(new Mount("npipe", "x", "/t", false, null, null,
        null)), "mount type npipe is not supported");
    assertInvalid(() -> MountSpecs.mount(new Mount("volume", "v", "", false, null, null,
        null)), "field Target must not be empty");
  }

  @Test
  void twoMountsOnOnePathAreRefused() {
    HostConfig h = new HostConfig(List.of("aa:/d"), null, false, null, 0, 0, 0, 0, null, null,
        false, false, null, null, null, null, null, null, null, List.of(new Mount("tmpfs", null,
            "/d/", false, null, null, null)), null, null, false, null, null, null, null, null);
    assertInvalid(() -> MountSpecs.of(h), "Duplicate mount point: /d");
  }

  private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable c,
      String message) {
    assertThatThrownBy(c).isInstanceOf(BerthException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((BerthException) e).kind())
            .isEqualTo(ErrorKind.INVALID_ARGUMENT));
  }
}
