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
 * The file syscalls java.nio does not offer, or offers only by opening the file (which blocks on
 * a fifo): mknod, l*xattr, lchown and utimensat. Each throws {@link Errno} naming the call and
 * the path. Paths are passed as the bytes of {@link Path#toString()} in UTF-8, which is how the
 * JDK's default file system encodes them under a UTF-8 locale.
 */
public final class FileSyscalls {
  public static final int S_IFIFO = 0010000;
  public static final int S_IFCHR = 0020000;
  public static final int S_IFBLK = 0060000;

  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;
  /** tv_nsec value that leaves that timestamp as it is. */
  private static final long UTIME_OMIT = (1L << 30) - 2;
  private static final int ERANGE = 34;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

  private static final MethodHandle MKNOD = handle("mknod", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
  private static final MethodHandle LSETXATTR = handle("lsetxattr", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
      ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
  private static final MethodHandle LGETXATTR = handle("lgetxattr", FunctionDescriptor.of(
      ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
      ValueLayout.JAVA_LONG));
  private static final MethodHandle LCHOWN = handle("lchown", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle UTIMENSAT = handle("utimensat", FunctionDescriptor.of(
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
      ValueLayout.JAVA_INT));

  private FileSyscalls() {}

  private static MethodHandle handle(String name, FunctionDescriptor fd) {
    return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd, CAPTURE);
  }

  /** glibc's gnu_dev_makedev. */
  public static long makedev(int major, int minor) {
    long ma = Integer.toUnsignedLong(major);
    long mi = Integer.toUnsignedLong(minor);
    return ((ma & 0xfffL) << 8) | (mi & 0xffL) | ((mi & ~0xffL) << 12) | ((ma & ~0xfffL) << 32);
  }

  /**
   * mknod(2). {@code typeAndMode} is {@link #S_IFCHR}, {@link #S_IFBLK} or {@link #S_IFIFO} or'ed
   * with the permission bits (the umask applies, as for mknod(1)); major and minor are ignored
   * for a fifo.
   */
  public static void mknod(Path path, int typeAndMode, int major, int minor) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int rc = (int) MKNOD.invokeExact(state, cString(arena, path), typeAndMode,
          makedev(major, minor));
      check(rc, state, "mknod", path);
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("mknod " + path, t);
    }
  }

  /** lsetxattr(2): sets {@code name} on {@code path} itself, never following a symlink. */
  public static void lsetxattr(Path path, String name, byte[] value) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      MemorySegment buf = arena.allocate(Math.max(1, value.length));
      MemorySegment.copy(value, 0, buf, ValueLayout.JAVA_BYTE, 0, value.length);
      int rc = (int) LSETXATTR.invokeExact(state, cString(arena, path),
          arena.allocateFrom(name, StandardCharsets.UTF_8), buf, (long) value.length, 0);
      check(rc, state, "lsetxattr " + name, path);
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("lsetxattr " + path, t);
    }
  }

  /** lgetxattr(2): the value of {@code name} on {@code path} itself. */
  public static byte[] lgetxattr(Path path, String name) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      MemorySegment cpath = cString(arena, path);
      MemorySegment cname = arena.allocateFrom(name, StandardCharsets.UTF_8);
      while (true) {
        long size = (long) LGETXATTR.invokeExact(state, cpath, cname, MemorySegment.NULL, 0L);
        check(size, state, "lgetxattr " + name, path);
        MemorySegment buf = arena.allocate(Math.max(1, size));
        long got = (long) LGETXATTR.invokeExact(state, cpath, cname, buf, size);
        if (got < 0 && Libc.errno(state) == ERANGE) {
          continue; // grew between the two calls
        }
        check(got, state, "lgetxattr " + name, path);
        return buf.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE);
      }
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("lgetxattr " + path, t);
    }
  }

  /** lchown(2): changes the owner of {@code path} itself; -1 leaves that id as it is. */
  public static void lchown(Path path, int uid, int gid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int rc = (int) LCHOWN.invokeExact(state, cString(arena, path), uid, gid);
      check(rc, state, "lchown", path);
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("lchown " + path, t);
    }
  }

  /**
   * utimensat(2) with {@code AT_FDCWD}: sets the modification time and leaves the access time
   * ({@code UTIME_OMIT}). Never opens the file, so it is safe on fifos and devices; with {@code
   * noFollow} a symlink's own time is set.
   */
  public static void utimensat(Path path, long mtimeSeconds, long nanos, boolean noFollow) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      MemorySegment times = arena.allocate(ValueLayout.JAVA_LONG, 4);
      times.setAtIndex(ValueLayout.JAVA_LONG, 0, 0L);
      times.setAtIndex(ValueLayout.JAVA_LONG, 1, UTIME_OMIT);
      times.setAtIndex(ValueLayout.JAVA_LONG, 2, mtimeSeconds);
      times.setAtIndex(ValueLayout.JAVA_LONG, 3, nanos);
      int rc = (int) UTIMENSAT.invokeExact(state, AT_FDCWD, cString(arena, path), times,
          noFollow ? AT_SYMLINK_NOFOLLOW : 0);
      check(rc, state, "utimensat", path);
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("utimensat " + path, t);
    }
  }

  private static MemorySegment cString(Arena arena, Path path) {
    return arena.allocateFrom(path.toString(), StandardCharsets.UTF_8);
  }

  private static void check(long rc, MemorySegment state, String call, Path path) {
    if (rc < 0) {
      throw new Errno(call + " " + path, Libc.errno(state));
    }
  }
}
