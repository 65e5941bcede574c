package dev.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * mount(2) and umount2(2), each throwing {@link Errno} naming the call and the target.
 *
 * <p>{@link #mountIn} runs mount(2) with the process's working directory set to a given
 * directory, so relative paths in the data string (overlay's {@code lowerdir=12/fs:11/fs}) resolve
 * against it: that keeps a long layer chain under the page-size limit of the data string. The
 * working directory is process-wide, so the switch is serialised and restored with fchdir(2)
 * before returning; other threads resolving relative paths meanwhile would see it, and Berth
 * uses absolute paths everywhere.
 */
public final class Mounts {
  public static final long MS_RDONLY = 1;
  public static final long MS_NOSUID = 2;
  public static final long MS_NODEV = 4;
  public static final long MS_NOEXEC = 8;
  public static final long MS_REMOUNT = 32;
  public static final long MS_BIND = 4096;
  public static final long MS_REC = 16384;
  public static final long MS_PRIVATE = 1 << 18;

  public static final int MNT_FORCE = 1;
  public static final int MNT_DETACH = 2;

  private static final int O_RDONLY = 0;
  private static final int O_DIRECTORY = 0200000;
  private static final int O_CLOEXEC = 02000000;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

  private static final MethodHandle MOUNT = handle("mount", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
      ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
  private static final MethodHandle UMOUNT2 = handle("umount2", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle CHDIR = handle("chdir", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
  private static final MethodHandle FCHDIR = handle("fchdir", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

  private static final Object CWD_LOCK = new Object();

  private Mounts() {}

  private static MethodHandle handle(String name, FunctionDescriptor fd) {
    return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd, CAPTURE);
  }

  /**
   * mount(2). {@code source}, {@code fstype} and {@code data} may be null (as for a remount or a
   * propagation change).
   */
  public static void mount(String source, Path target, String fstype, long flags, String data) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int rc = (int) MOUNT.invokeExact(state, str(arena, source), str(arena, target.toString()),
          str(arena, fstype), flags, str(arena, data));
      check(rc, state, "mount " + fstype + " on", target);
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("mount " + target, t);
    }
  }

  /**
   * mount(2) with the working directory set to {@code dir} for the call, then restored; relative
   * paths in {@code source} and {@code data} resolve against {@code dir}. {@code target} should be
   * absolute.
   */
  public static void mountIn(Path dir, String source, Path target, String fstype, long flags,
      String data) {
    synchronized (CWD_LOCK) {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment state = Libc.callState(arena);
        int saved = (int) OPEN.invokeExact(state, arena.allocateFrom(".", StandardCharsets.UTF_8),
            O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        check(saved, state, "open", Path.of("."));
        try {
          int rc = (int) CHDIR.invokeExact(state, str(arena, dir.toString()));
          check(rc, state, "chdir", dir);
          try {
            mount(source, target, fstype, flags, data);
          } finally {
            int back = (int) FCHDIR.invokeExact(state, saved);
            check(back, state, "fchdir back from", dir);
          }
        } finally {
          int ignored = (int) Libc.CLOSE.invokeExact(state, saved);
        }
      } catch (Errno e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("mount " + target, t);
      }
    }
  }

  /** umount2(2); {@code flags} is 0 or {@link #MNT_DETACH} / {@link #MNT_FORCE}. */
  public static void umount2(Path target, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int rc = (int) UMOUNT2.invokeExact(state, str(arena, target.toString()), flags);
      check(rc, state, "umount2", target);
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("umount2 " + target, t);
    }
  }

  private static MemorySegment str(Arena arena, String s) {
    return s == null ? MemorySegment.NULL : arena.allocateFrom(s, StandardCharsets.UTF_8);
  }

  private static void check(int rc, MemorySegment state, String call, Path path) {
    if (rc < 0) {
      throw new Errno(call + " " + path, Libc.errno(state));
    }
  }
}
