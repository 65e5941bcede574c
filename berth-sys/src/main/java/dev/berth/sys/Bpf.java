package dev.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * bpf(2) for cgroup v2 device control: load a BPF_PROG_TYPE_CGROUP_DEVICE program, attach it to a
 * cgroup directory, find and detach what is attached there. Fds returned are the caller's to
 * {@link #close}; an attached program stays in force after its fd is closed, until it is detached
 * or the cgroup is removed.
 *
 * <p>The program sees {@code struct bpf_cgroup_dev_ctx {u32 access_type; u32 major; u32 minor}}
 * with {@code access_type = access << 16 | type} and returns 1 to allow, 0 to deny (EPERM).
 */
public final class Bpf {
  public static final int DEV_BLOCK = 1;
  public static final int DEV_CHAR = 2;
  public static final int ACC_MKNOD = 1;
  public static final int ACC_READ = 2;
  public static final int ACC_WRITE = 4;

  private static final long SYS_BPF = 321; // x86_64
  private static final int BPF_PROG_LOAD = 5;
  private static final int BPF_PROG_ATTACH = 8;
  private static final int BPF_PROG_DETACH = 9;
  private static final int BPF_PROG_GET_FD_BY_ID = 13;
  private static final int BPF_PROG_QUERY = 16;
  private static final int PROG_TYPE_CGROUP_DEVICE = 15;
  private static final int ATTACH_CGROUP_DEVICE = 6;
  private static final int F_ALLOW_MULTI = 2;
  /** Bigger than every union member we use; the kernel accepts a longer attr if the tail is zero. */
  private static final long ATTR_SIZE = 128;
  private static final int LOG_SIZE = 1 << 20;
  private static final int MAX_QUERY = 64;
  private static final int O_RDONLY_DIRECTORY = 0x10000; // O_RDONLY | O_DIRECTORY
  private static final int O_CLOEXEC = 0x80000;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle SYSCALL = LINKER.downcallHandle(
      LINKER.defaultLookup().find("syscall").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
          ValueLayout.JAVA_INT),
      Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
  private static final MethodHandle OPEN = LINKER.downcallHandle(
      LINKER.defaultLookup().find("open").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
      Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));

  private Bpf() {}

  /**
   * Loads a cgroup device program from raw 8-byte instructions and returns its fd. If the kernel
   * refuses it, loads it again with the verifier log on, and puts that log in the {@link Errno}.
   */
  public static int loadCgroupDevice(long[] insns) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment code = arena.allocate(ValueLayout.JAVA_LONG, insns.length);
      MemorySegment.copy(insns, 0, code, ValueLayout.JAVA_LONG, 0, insns.length);
      MemorySegment license = arena.allocateFrom("Apache");
      MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
      attr.set(ValueLayout.JAVA_INT, 0, PROG_TYPE_CGROUP_DEVICE);
      attr.set(ValueLayout.JAVA_INT, 4, insns.length);
      attr.set(ValueLayout.JAVA_LONG, 8, code.address());
      attr.set(ValueLayout.JAVA_LONG, 16, license.address());
      MemorySegment state = Libc.callState(arena);
      int fd = bpf(state, BPF_PROG_LOAD, attr);
      if (fd >= 0) {
        return fd;
      }
      // Without a log the first try is cheap; only a refused program pays for the verifier's words.
      MemorySegment log = arena.allocate(LOG_SIZE);
      attr.set(ValueLayout.JAVA_INT, 24, 1);
      attr.set(ValueLayout.JAVA_INT, 28, LOG_SIZE);
      attr.set(ValueLayout.JAVA_LONG, 32, log.address());
      fd = bpf(state, BPF_PROG_LOAD, attr);
      if (fd >= 0) {
        return fd;
      }
      String words = log.getString(0).strip();
      throw new Errno("bpf(BPF_PROG_LOAD) of a " + insns.length + "-instruction cgroup device program"
          + (words.isEmpty() ? "" : " [verifier log: " + words + "]"), Libc.errno(state));
    }
  }

  /** Attaches with BPF_F_ALLOW_MULTI: every program attached to the cgroup must allow an access. */
  public static void attachCgroupDevice(int progFd, Path cgroupDir) {
    progCall(BPF_PROG_ATTACH, "BPF_PROG_ATTACH", progFd, cgroupDir, F_ALLOW_MULTI);
  }

  public static void detachCgroupDevice(int progFd, Path cgroupDir) {
    progCall(BPF_PROG_DETACH, "BPF_PROG_DETACH", progFd, cgroupDir, 0);
  }

  /** Fds of the device programs attached directly to the cgroup (not inherited ones), for a later detach. */
  public static int[] attachedCgroupDevice(Path cgroupDir) {
    int dirFd = openDir(cgroupDir);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ids = arena.allocate(ValueLayout.JAVA_INT, MAX_QUERY);
      MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
      attr.set(ValueLayout.JAVA_INT, 0, dirFd);
      attr.set(ValueLayout.JAVA_INT, 4, ATTACH_CGROUP_DEVICE);
      attr.set(ValueLayout.JAVA_LONG, 16, ids.address());
      attr.set(ValueLayout.JAVA_INT, 24, MAX_QUERY);
      MemorySegment state = Libc.callState(arena);
      if (bpf(state, BPF_PROG_QUERY, attr) < 0) {
        throw new Errno("bpf(BPF_PROG_QUERY) on " + cgroupDir, Libc.errno(state));
      }
      int count = attr.get(ValueLayout.JAVA_INT, 24);
      int[] fds = new int[count];
      for (int i = 0; i < count; i++) {
        MemorySegment byId = arena.allocate(ATTR_SIZE, 8);
        byId.set(ValueLayout.JAVA_INT, 0, ids.getAtIndex(ValueLayout.JAVA_INT, i));
        fds[i] = bpf(state, BPF_PROG_GET_FD_BY_ID, byId);
        if (fds[i] < 0) {
          int e = Libc.errno(state);
          for (int j = 0; j < i; j++) {
            close(fds[j]);
          }
          throw new Errno("bpf(BPF_PROG_GET_FD_BY_ID) for a program of " + cgroupDir, e);
        }
      }
      return fds;
    } finally {
      close(dirFd);
    }
  }

  public static void close(int fd) {
    FdPassing.close(fd);
  }

  private static void progCall(int cmd, String name, int progFd, Path cgroupDir, int flags) {
    int dirFd = openDir(cgroupDir);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment attr = arena.allocate(ATTR_SIZE, 8);
      attr.set(ValueLayout.JAVA_INT, 0, dirFd);
      attr.set(ValueLayout.JAVA_INT, 4, progFd);
      attr.set(ValueLayout.JAVA_INT, 8, ATTACH_CGROUP_DEVICE);
      attr.set(ValueLayout.JAVA_INT, 12, flags);
      MemorySegment state = Libc.callState(arena);
      if (bpf(state, cmd, attr) < 0) {
        throw new Errno("bpf(" + name + ") of a device program on " + cgroupDir, Libc.errno(state));
      }
    } finally {
      close(dirFd);
    }
  }

  private static int openDir(Path dir) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(dir.toString()), O_RDONLY_DIRECTORY | O_CLOEXEC);
      if (fd < 0) {
        throw new Errno("open(" + dir + ")", Libc.errno(state));
      }
      return fd;
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static int bpf(MemorySegment state, int cmd, MemorySegment attr) {
    try {
      return (int) (long) SYSCALL.invokeExact(state, SYS_BPF, cmd, attr, (int) ATTR_SIZE);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
