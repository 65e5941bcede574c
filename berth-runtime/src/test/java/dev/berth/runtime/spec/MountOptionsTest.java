package dev.berth.runtime.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.error.BerthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountOptionsTest {
  @Test
  void splitsFlagsPropagationAndData() {
    MountOptions o = MountOptions.parse(List.of("rbind", "ro", "nosuid", "rslave", "mode=755", "size=64k"));
    assertThat(o.flags()).isEqualTo(MountFlags.BIND | MountFlags.REC | MountFlags.RDONLY | MountFlags.NOSUID);
    assertThat(o.propagation()).isEqualTo(MountFlags.SLAVE | MountFlags.REC);
    assertThat(o.data()).isEqualTo("mode=755,size=64k");
    assertThat(o.bind()).isTrue();
  }

  @Test
  void laterOptionsWin() {
    assertThat(MountOptions.parse(List.of("ro", "rw")).flags() & MountFlags.RDONLY).isZero();
    assertThat(MountOptions.parse(List.of("noatime", "atime")).flags()).isZero();
  }

  @Test
  void rootPropagationDefaultsToRslaveAndRejectsNonsense() {
    assertThat(MountOptions.rootPropagation(null, "f")).isEqualTo(MountFlags.SLAVE | MountFlags.REC);
    assertThat(MountOptions.rootPropagation("private", "f")).isEqualTo(MountFlags.PRIVATE);
    assertThatThrownBy(() -> MountOptions.rootPropagation("sideways", "linux.rootfsPropagation"))
        .isInstanceOf(BerthException.class).hasMessageContaining("linux.rootfsPropagation").hasMessageContaining("sideways");
  }
}
