package dev.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;

/**
 * Starting a helper with posix_spawn(3), which glibc does with a vfork-style clone: no
 * jspawnhelper hop and no copy of the JVM's page tables, so a shim starts in a fraction of what
 * ProcessBuilder takes. The child inherits fds 0-2 (or /dev/null and a file, see {@link
 * Stdio}) and the JVM's environment; it must close any other inherited fd itself (berth-shim
 * does at once).
 */
public final class Spawn {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
  // glibc's posix_spawn_file_actions_t is 80 bytes on x86_64 and aarch64; room to spare
  private static final long FILE_ACTIONS_SIZE = 256;
  private static final int O_RDONLY = 0;
  private static final int O_WRONLY = 1;
  private static final int O_CREAT = 0100;
  private static final int O_TRUNC = 01000;

  private static final MethodHandle SPAWN = handle("posix_spawn", FunctionDescriptor.of(ValueLayout.JAVA_INT,
      ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
      ValueLayout.ADDRESS, ValueLayout.ADDRESS), false);
  private static final MethodHandle FA_INIT = handle("posix_spawn_file_actions_init",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS), false);
  private static final MethodHandle FA_DESTROY = handle("posix_spawn_file_actions_destroy",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS), false);
  private static final MethodHandle FA_OPEN = handle("posix_spawn_file_actions_addopen",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
          ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), false);
  private static final MethodHandle WAITPID = handle("waitpid",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), true);
  private static final MemorySegment ENVIRON = LINKER.defaultLookup().find("environ").orElseThrow()
      .reinterpret(ValueLayout.ADDRESS.byteSize());

  /** How the child's fds 0-2 are set: inherited from the JVM, or /dev/null with stderr to a file. */
  public sealed interface Stdio {
    record Inherit() implements Stdio {}

    record Quiet(Path stderr) implements Stdio {}
  }

  private Spawn() {}

  private static MethodHandle handle(String name, FunctionDescriptor fd, boolean errno) {
    MemorySegment sym = LINKER.defaultLookup().find(name).orElseThrow();
    return errno ? LINKER.downcallHandle(sym, fd, ERRNO) : LINKER.downcallHandle(sym, fd);
  }

  /** Starts the program and returns its pid; the caller must {@link #waitFor} it. */
  public static int spawn(Path program, List<String> args, Stdio stdio) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment argv = arena.allocate(ValueLayout.ADDRESS, args.size() + 1L);
      for (int i = 0; i < args.size(); i++) argv.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(args.get(i)));
      argv.setAtIndex(ValueLayout.ADDRESS, args.size(), MemorySegment.NULL);
      MemorySegment actions = MemorySegment.NULL;
      MemorySegment fa = arena.allocate(FILE_ACTIONS_SIZE, 16);
      if (stdio instanceof Stdio.Quiet q) {
        check((int) FA_INIT.invokeExact(fa), "posix_spawn_file_actions_init");
        MemorySegment devNull = arena.allocateFrom("/dev/null");
        check((int) FA_OPEN.invokeExact(fa, 0, devNull, O_RDONLY, 0), "addopen 0");
        check((int) FA_OPEN.invokeExact(fa, 1, devNull, O_WRONLY, 0), "addopen 1");
        check((int) FA_OPEN.invokeExact(fa, 2, arena.allocateFrom(q.stderr().toString()),
            O_WRONLY | O_CREAT | O_TRUNC, 0644), "addopen 2");
        actions = fa;
      }
      MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
      MemorySegment env = ENVIRON.get(ValueLayout.ADDRESS, 0);
      try {
        int r = (int) SPAWN.invokeExact(pid, arena.allocateFrom(program.toString()), actions,
            MemorySegment.NULL, argv, env);
        if (r != 0) throw new Errno("posix_spawn " + program, r);
      } finally {
        if (actions != MemorySegment.NULL) {
          int ignored = (int) FA_DESTROY.invokeExact(actions);
        }
      }
      return pid.get(ValueLayout.JAVA_INT, 0);
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** waitpid(2): the exit status (128 + signal if killed). */
  public static int waitFor(int pid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
      MemorySegment state = Libc.callState(arena);
      while (true) {
        int r = (int) WAITPID.invokeExact(state, pid, status, 0);
        if (r == pid) break;
        int e = Libc.errno(state);
        if (e != Errno.EINTR) throw new Errno("waitpid(" + pid + ")", e);
      }
      int s = status.get(ValueLayout.JAVA_INT, 0);
      int sig = s & 0x7f;
      return sig == 0 ? (s >> 8) & 0xff : 128 + sig;
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static void check(int r, String what) {
    if (r != 0) throw new Errno(what, r);
  }
}
