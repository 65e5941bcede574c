package dev.berth.runtime.cgroup;

import dev.berth.error.BerthException;
import dev.berth.oci.runtime.LinuxResources.DeviceRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles OCI device rules into a BPF_PROG_TYPE_CGROUP_DEVICE program: cgroup v2's stand-in for
 * v1's devices.allow / devices.deny.
 *
 * <p>Semantics, those of v1 replaying the rules in order: each rule matches a device by type
 * ({@code a} = any; null or empty = {@code a}), major and minor (null or -1 = any), and speaks for
 * the access bits it lists ({@code r}, {@code w}, {@code m}; null or empty = all three). For each
 * requested bit the <em>last</em> rule that matches the device and lists that bit decides it; the
 * access is allowed only if every requested bit is decided "allow". A bit no rule speaks for is
 * denied: the default is deny, whatever the list starts with.
 *
 * <p>The program walks the rules from last to first, keeping the still-undecided bits in r3: a
 * matching allow rule clears the bits it lists and allows once none are left; a matching deny rule
 * that lists any undecided bit denies. A rule for any device and all bits ends the walk (the
 * verifier refuses code it cannot reach), which is where a leading "deny all" lands.
 *
 * <p>Registers: r1 ctx, r2 type, r3 undecided access bits, r4 major, r5 minor, r6 scratch.
 */
final class DeviceFilter {
  static final int BLOCK = 1;
  static final int CHAR = 2;
  static final int MKNOD = 1;
  static final int READ = 2;
  static final int WRITE = 4;
  private static final int ALL = MKNOD | READ | WRITE;

  // Opcodes: class | op | source (K = immediate, X = register).
  static final int LDXW = 0x61;
  static final int AND64_K = 0x57;
  static final int RSH64_K = 0x77;
  static final int MOV64_K = 0xb7;
  static final int MOV64_X = 0xbf;
  static final int JEQ_K = 0x15;
  static final int JNE_K = 0x55;
  static final int EXIT = 0x95;

  private DeviceFilter() {}

  /** The program for {@code rules}, validated by {@link ResourceCheck}; an empty list denies every device. */
  static long[] compile(List<DeviceRule> rules) {
    List<Long> out = new ArrayList<>();
    out.add(insn(LDXW, 2, 1, 0, 0)); // r2 = ctx->access_type
    out.add(insn(MOV64_X, 3, 2, 0, 0));
    out.add(insn(RSH64_K, 3, 0, 0, 16)); // r3 = access
    out.add(insn(AND64_K, 2, 0, 0, 0xffff)); // r2 = type
    out.add(insn(LDXW, 4, 1, 4, 0)); // r4 = major
    out.add(insn(LDXW, 5, 1, 8, 0)); // r5 = minor
    for (int i = rules.size() - 1; i >= 0; i--) {
      DeviceRule rule = rules.get(i);
      if (terminal(rule)) {
        out.add(insn(MOV64_K, 0, 0, 0, rule.allow() ? 1 : 0));
        out.add(insn(EXIT, 0, 0, 0, 0));
        return toArray(out);
      }
      out.addAll(block(rule, i));
    }
    out.add(insn(MOV64_K, 0, 0, 0, 0));
    out.add(insn(EXIT, 0, 0, 0, 0));
    return toArray(out);
  }

  /** One rule's instructions; every "does not apply" jump lands just past the block. */
  private static List<Long> block(DeviceRule rule, int index) {
    List<int[]> checks = new ArrayList<>(); // {register, value}
    int type = type(rule.type());
    if (type != 0) {
      checks.add(new int[] {2, type});
    }
    if (number(rule.major()) >= 0) {
      checks.add(new int[] {4, number(rule.major(), index, "major")});
    }
    if (number(rule.minor()) >= 0) {
      checks.add(new int[] {5, number(rule.minor(), index, "minor")});
    }
    int access = access(rule.access());
    List<long[]> tail = new ArrayList<>(); // {opcode, dst, src, imm, jumpsPastBlock}
    if (rule.allow()) {
      if (access != ALL) {
        tail.add(new long[] {AND64_K, 3, 0, ~access & 0xffff, 0}); // these bits are now allowed
        tail.add(new long[] {JNE_K, 3, 0, 0, 1}); // others still undecided: keep walking
      }
      tail.add(new long[] {MOV64_K, 0, 0, 1, 0});
    } else {
      tail.add(new long[] {MOV64_X, 6, 3, 0, 0});
      tail.add(new long[] {AND64_K, 6, 0, access, 0});
      tail.add(new long[] {JEQ_K, 6, 0, 0, 1}); // denies none of the undecided bits
      tail.add(new long[] {MOV64_K, 0, 0, 0, 0});
    }
    tail.add(new long[] {EXIT, 0, 0, 0, 0});
    int size = checks.size() + tail.size();
    List<Long> out = new ArrayList<>(size);
    for (int[] c : checks) {
      out.add(insn(JNE_K, c[0], 0, size - out.size() - 1, c[1]));
    }
    for (long[] t : tail) {
      int off = t[4] == 1 ? size - out.size() - 1 : 0;
      out.add(insn((int) t[0], (int) t[1], (int) t[2], off, (int) t[3]));
    }
    return out;
  }

  /** Matches every device and every access bit, so nothing before it in the list can matter. */
  private static boolean terminal(DeviceRule rule) {
    return type(rule.type()) == 0 && number(rule.major()) < 0 && number(rule.minor()) < 0 && access(rule.access()) == ALL;
  }

  /** BPF_DEVCG_DEV_* for the rule's type, 0 for any. */
  static int type(String type) {
    return switch (type == null ? "a" : type) {
      case "b" -> BLOCK;
      case "c" -> CHAR;
      default -> 0;
    };
  }

  /** BPF_DEVCG_ACC_* bits for "rwm"; null or empty means all. */
  static int access(String access) {
    if (access == null || access.isEmpty()) {
      return ALL;
    }
    int bits = 0;
    for (char c : access.toCharArray()) {
      bits |= switch (c) {
        case 'r' -> READ;
        case 'w' -> WRITE;
        case 'm' -> MKNOD;
        default -> 0;
      };
    }
    return bits;
  }

  /** -1 for a wildcard. */
  private static long number(Long n) {
    return n == null ? -1 : n;
  }

  private static int number(Long n, int index, String field) {
    if (n > Integer.MAX_VALUE) {
      throw BerthException.invalid("linux.resources.devices[" + index + "]." + field + ": " + n + " is not a device number");
    }
    return n.intValue();
  }

  /** One 8-byte instruction as the kernel reads it on little-endian: code, dst|src<<4, off, imm. */
  static long insn(int code, int dst, int src, int off, int imm) {
    return (code & 0xffL) | (long) (dst | src << 4) << 8 | (off & 0xffffL) << 16 | (imm & 0xffffffffL) << 32;
  }

  private static long[] toArray(List<Long> list) {
    return list.stream().mapToLong(Long::longValue).toArray();
  }
}
