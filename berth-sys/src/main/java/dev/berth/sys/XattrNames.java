package dev.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** llistxattr(2): the xattr names set on a path itself (a symlink is not followed). */
public final class XattrNames {
  private static final int ERANGE = 34;
  private static final int ENOTSUP = 95;
  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle LLISTXATTR = LINKER.downcallHandle(
      LINKER.defaultLookup().find("llistxattr").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
      Linker.Option.captureCallState("errno"));

  private XattrNames() {}

  /** The names, in the order the file system gives them; empty where xattrs are unsupported. */
  public static List<String> list(Path path) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      MemorySegment cpath = arena.allocateFrom(path.toString(), StandardCharsets.UTF_8);
      while (true) {
        long size = (long) LLISTXATTR.invokeExact(state, cpath, MemorySegment.NULL, 0L);
        if (size < 0) return failed(state, path);
        if (size == 0) return List.of();
        MemorySegment buf = arena.allocate(size);
        long got = (long) LLISTXATTR.invokeExact(state, cpath, buf, size);
        if (got < 0) {
          if (Libc.errno(state) == ERANGE) continue; // the list grew between the two calls
          return failed(state, path);
        }
        byte[] raw = buf.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE);
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
          if (raw[i] == 0) {
            if (i > start) names.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
            start = i + 1;
          }
        }
        return names;
      }
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("llistxattr " + path, t);
    }
  }

  private static List<String> failed(MemorySegment state, Path path) {
    int errno = Libc.errno(state);
    if (errno == ENOTSUP) return List.of();
    throw new Errno("llistxattr " + path, errno);
  }
}
