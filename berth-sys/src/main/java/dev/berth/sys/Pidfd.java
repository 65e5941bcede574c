package dev.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Waiting for a process that is not our child to end: pidfd_open(2) and poll(2), the kernel's
 * own notification, instead of polling /proc.
 */
public final class Pidfd {
  private static final long SYS_PIDFD_OPEN = 434;
  private static final short POLLIN = 1;
  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle SYSCALL = LINKER.downcallHandle(
      LINKER.defaultLookup().find("syscall").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
      Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
  private static final MethodHandle POLL = LINKER.downcallHandle(
      LINKER.defaultLookup().find("poll").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
      Linker.Option.captureCallState("errno"));

  private Pidfd() {}

  /** pidfd_open(2): a descriptor for {@code pid}, or -1 when it is gone already. */
  static int open(int pid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int fd = (int) (long) SYSCALL.invokeExact(state, SYS_PIDFD_OPEN, pid, 0);
      if (fd < 0) {
        int e = Libc.errno(state);
        if (e == Errno.ESRCH) return -1;
        throw new Errno("pidfd_open(" + pid + ")", e);
      }
      return fd;
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Waits until the process ends or the timeout passes. Returns true when it has ended (or was
   * already gone), false on timeout.
   */
  public static boolean awaitExit(int pid, int timeoutMillis) {
    int fd = open(pid);
    if (fd < 0) return true;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      try {
        MemorySegment pfd = arena.allocate(8, 4);
        pfd.set(ValueLayout.JAVA_INT, 0, fd);
        pfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
        while (true) {
          int r = (int) POLL.invokeExact(state, pfd, 1L, timeoutMillis);
          if (r > 0) return true;
          if (r == 0) return false;
          int e = Libc.errno(state);
          if (e != Errno.EINTR) throw new Errno("poll(pidfd " + pid + ")", e);
        }
      } finally {
        FdPassing.close(fd);
      }
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
