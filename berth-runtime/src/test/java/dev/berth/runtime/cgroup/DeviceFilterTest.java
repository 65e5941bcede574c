package dev.berth.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.oci.runtime.LinuxResources.DeviceRule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The compiled program's verdicts, run in {@link BpfInterpreter}: rules → (device, access) → allow or deny. */
class DeviceFilterTest {
  static final DeviceRule DENY_ALL = deny("a", null, null, "rwm");

  /** Docker's defaults after deny-all. */
  static final List<DeviceRule> DOCKER = List.of(DENY_ALL,
      allow("c", null, null, "m"), allow("b", null, null, "m"),
      allow("c", 1L, 3L, "rwm"), allow("c", 1L, 5L, "rwm"), allow("c", 1L, 7L, "rwm"), allow("c", 1L, 8L, "rwm"),
      allow("c", 1L, 9L, "rwm"), allow("c", 5L, 0L, "rwm"), allow("c", 5L, 1L, "rwm"), allow("c", 136L, null, "rwm"),
      allow("c", 5L, 2L, "rwm"), allow("c", 10L, 200L, "rwm"));

  static Stream<Arguments> cases() {
    return Stream.of(
        // rules, device "c 1:3", access, allowed
        of(List.of(DENY_ALL), "c 1:3", "r", false),
        of(List.of(), "c 1:3", "r", false),
        of(DOCKER, "c 1:3", "rw", true),
        of(DOCKER, "c 1:3", "rwm", true),
        of(DOCKER, "c 136:7", "rw", true),
        of(DOCKER, "c 4:1", "r", false),
        of(DOCKER, "c 4:1", "m", true),
        of(DOCKER, "b 8:0", "r", false),
        of(DOCKER, "b 8:0", "m", true),
        of(DOCKER, "b 8:0", "rm", false),
        of(DOCKER, "b 1:3", "r", false),
        // A later deny takes back the bits it names, and only those.
        of(List.of(DENY_ALL, allow("c", 1L, 3L, "rwm"), deny("c", 1L, 3L, "w")), "c 1:3", "r", true),
        of(List.of(DENY_ALL, allow("c", 1L, 3L, "rwm"), deny("c", 1L, 3L, "w")), "c 1:3", "w", false),
        of(List.of(DENY_ALL, allow("c", 1L, 3L, "rwm"), deny("c", 1L, 3L, "w")), "c 1:3", "rw", false),
        of(List.of(DENY_ALL, allow("c", 1L, 3L, "rwm"), deny("c", 1L, 3L, "w")), "c 1:3", "m", true),
        of(List.of(DENY_ALL, allow("c", 1L, 3L, "rwm"), deny("c", 1L, 3L, "w")), "c 1:4", "r", false),
        // Bits granted by separate rules add up, as v1 merges them.
        of(List.of(DENY_ALL, allow("c", 1L, 3L, "r"), allow("c", 1L, 3L, "w")), "c 1:3", "rw", true),
        of(List.of(DENY_ALL, allow("c", 1L, 3L, "r"), allow("c", 1L, 3L, "w")), "c 1:3", "rwm", false),
        // A later allow overrides an earlier deny, a later deny an earlier allow.
        of(List.of(DENY_ALL, deny("c", 1L, 3L, "rwm"), allow("c", null, null, "rw")), "c 1:3", "rw", true),
        of(List.of(DENY_ALL, deny("c", 1L, 3L, "rwm"), allow("c", null, null, "rw")), "c 1:3", "m", false),
        of(List.of(DENY_ALL, allow("c", 1L, 3L, "r"), deny("c", 1L, 3L, "w"), allow("c", 1L, 3L, "w")), "c 1:3", "rw", true),
        // Allow-all first, then carve out.
        of(List.of(allow("a", null, null, "rwm")), "b 8:0", "rwm", true),
        of(List.of(allow("a", null, null, null), deny("b", 8L, null, "w")), "b 8:1", "w", false),
        of(List.of(allow("a", null, null, null), deny("b", 8L, null, "w")), "b 8:1", "r", true),
        of(List.of(allow("a", null, null, null), deny("b", 8L, null, "w")), "c 8:1", "w", true),
        // Type a with numbers; null type and -1 as wildcards; null access as rwm.
        of(List.of(DENY_ALL, allow("a", 1L, 3L, "r")), "b 1:3", "r", true),
        of(List.of(DENY_ALL, allow("a", 1L, 3L, "r")), "c 1:4", "r", false),
        of(List.of(DENY_ALL, allow(null, -1L, 3L, "r")), "c 7:3", "r", true),
        of(List.of(DENY_ALL, allow("c", 1L, 3L, null)), "c 1:3", "rwm", true),
        // No leading deny-all: still default deny.
        of(List.of(allow("c", 1L, 3L, "rw")), "c 1:3", "r", true),
        of(List.of(allow("c", 1L, 3L, "rw")), "c 1:4", "r", false),
        // Rules before a last "allow all" cannot matter.
        of(List.of(DENY_ALL, deny("c", 1L, 3L, "rwm"), allow("a", null, null, "rwm")), "c 1:3", "r", true));
  }

  @ParameterizedTest(name = "{index}: {1} {2} -> {3}")
  @MethodSource("cases")
  void verdict(List<DeviceRule> rules, String device, String access, boolean allowed) {
    String[] d = device.split("[ :]");
    long verdict = BpfInterpreter.run(DeviceFilter.compile(rules), DeviceFilter.type(d[0]), DeviceFilter.access(access),
        Integer.parseInt(d[1]), Integer.parseInt(d[2]));
    assertThat(verdict).isEqualTo(allowed ? 1 : 0);
  }

  @Test
  void leadingDenyAllBecomesTheLastInstructionsWithNoDeadCode() {
    long[] prog = DeviceFilter.compile(List.of(deny("a", null, null, "rwm"), allow("c", 1L, 3L, "rwm")));
    BpfInterpreter.checkStructure(prog); // throws on unreachable code
    assertThat(prog).hasSize(6 + 5 + 2); // prologue, one rule (3 checks, verdict, exit), "deny all"
  }

  @Test
  void everyDeviceAndAccessAgreesWithAPerBitReference() {
    List<DeviceRule> rules = new ArrayList<>(DOCKER);
    rules.add(deny("c", 1L, null, "w"));
    rules.add(allow("c", 1L, 9L, "w"));
    long[] prog = DeviceFilter.compile(rules);
    for (int type = 1; type <= 2; type++) {
      for (int major : new int[] {1, 5, 8, 136}) {
        for (int minor = 0; minor < 10; minor++) {
          for (int access = 1; access <= 7; access++) {
            assertThat(BpfInterpreter.run(prog, type, access, major, minor))
                .as("type %d %d:%d access %d", type, major, minor, access)
                .isEqualTo(reference(rules, type, major, minor, access) ? 1 : 0);
          }
        }
      }
    }
  }

  /** The documented semantics, plainly: per bit, the last matching rule that names it decides. */
  private static boolean reference(List<DeviceRule> rules, int type, int major, int minor, int access) {
    for (int bit = 1; bit <= 4; bit <<= 1) {
      if ((access & bit) == 0) continue;
      boolean allowed = false;
      for (DeviceRule r : rules) {
        int t = DeviceFilter.type(r.type());
        boolean matches = (t == 0 || t == type) && (r.major() == null || r.major() == -1 || r.major() == major)
            && (r.minor() == null || r.minor() == -1 || r.minor() == minor) && (DeviceFilter.access(r.access()) & bit) != 0;
        if (matches) allowed = r.allow();
      }
      if (!allowed) return false;
    }
    return true;
  }

  private static Arguments of(List<DeviceRule> rules, String device, String access, boolean allowed) {
    return Arguments.of(rules, device, access, allowed);
  }

  static DeviceRule allow(String type, Long major, Long minor, String access) {
    return new DeviceRule(true, type, major, minor, access);
  }

  static DeviceRule deny(String type, Long major, Long minor, String access) {
    return new DeviceRule(false, type, major, minor, access);
  }
}
