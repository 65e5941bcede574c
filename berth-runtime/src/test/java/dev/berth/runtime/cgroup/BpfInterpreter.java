package dev.berth.runtime.cgroup;

import static dev.berth.runtime.cgroup.DeviceFilter.AND64_K;
import static dev.berth.runtime.cgroup.DeviceFilter.EXIT;
import static dev.berth.runtime.cgroup.DeviceFilter.JEQ_K;
import static dev.berth.runtime.cgroup.DeviceFilter.JNE_K;
import static dev.berth.runtime.cgroup.DeviceFilter.LDXW;
import static dev.berth.runtime.cgroup.DeviceFilter.MOV64_K;
import static dev.berth.runtime.cgroup.DeviceFilter.MOV64_X;
import static dev.berth.runtime.cgroup.DeviceFilter.RSH64_K;

/**
 * Runs the instruction subset {@link DeviceFilter} emits against a bpf_cgroup_dev_ctx, so its
 * verdicts can be checked without a kernel. Also checks what the verifier would: jumps in range,
 * every instruction reachable, r0 set before exit.
 */
final class BpfInterpreter {
  private BpfInterpreter() {}

  static long run(long[] prog, int type, int access, int major, int minor) {
    checkStructure(prog);
    int[] ctx = {access << 16 | type, major, minor};
    long[] r = new long[11];
    boolean[] set = new boolean[11];
    set[1] = true; // r1 = ctx (reads go through ctx[] by offset)
    set[10] = true;
    for (int pc = 0, steps = 0; steps < 100_000; steps++) {
      long insn = prog[pc];
      int code = (int) (insn & 0xff);
      int dst = (int) (insn >> 8 & 0xf);
      int src = (int) (insn >> 12 & 0xf);
      int off = (short) (insn >> 16);
      long imm = (int) (insn >> 32); // sign-extended, as the kernel does for 64-bit ops
      if (code != MOV64_K && code != MOV64_X && code != LDXW && code != EXIT && !set[dst]) {
        throw new IllegalStateException("pc " + pc + ": r" + dst + " read before it is set");
      }
      pc++;
      switch (code) {
        case LDXW -> {
          if (src != 1 || off % 4 != 0 || off < 0 || off > 8) {
            throw new IllegalStateException("bad ctx load at pc " + (pc - 1));
          }
          r[dst] = ctx[off / 4] & 0xffffffffL;
          set[dst] = true;
        }
        case MOV64_X -> {
          if (!set[src]) throw new IllegalStateException("r" + src + " read before it is set");
          r[dst] = r[src];
          set[dst] = true;
        }
        case MOV64_K -> {
          r[dst] = imm;
          set[dst] = true;
        }
        case AND64_K -> r[dst] &= imm;
        case RSH64_K -> r[dst] >>>= imm;
        case JEQ_K -> pc += r[dst] == imm ? off : 0;
        case JNE_K -> pc += r[dst] != imm ? off : 0;
        case EXIT -> {
          if (!set[0]) throw new IllegalStateException("exit without r0");
          return r[0];
        }
        default -> throw new IllegalStateException("opcode 0x" + Integer.toHexString(code) + " not in the subset");
      }
    }
    throw new IllegalStateException("no exit");
  }

  /** The verifier's control-flow check: every jump lands inside, and no instruction is unreachable. */
  static void checkStructure(long[] prog) {
    boolean[] seen = new boolean[prog.length];
    java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
    todo.add(0);
    while (!todo.isEmpty()) {
      int pc = todo.pop();
      if (pc < 0 || pc >= prog.length) {
        throw new IllegalStateException("jump or fall-through out of the program to " + pc);
      }
      if (seen[pc]) continue;
      seen[pc] = true;
      int code = (int) (prog[pc] & 0xff);
      if (code == EXIT) continue;
      todo.add(pc + 1);
      if (code == JEQ_K || code == JNE_K) {
        todo.add(pc + 1 + (short) (prog[pc] >> 16));
      }
    }
    for (int i = 0; i < prog.length; i++) {
      if (!seen[i]) throw new IllegalStateException("unreachable instruction " + i);
    }
  }
}
