package dev.berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The listening end of the --console-socket protocol: a unix socket that receives one pty master
 * by SCM_RIGHTS. Made with socket(2) directly, since the JDK's channels keep their fd private.
 */
public final class ConsoleSocket implements AutoCloseable {
  private static final int AF_UNIX = 1;
  private static final int SOCK_STREAM_CLOEXEC = 1 | 02000000;
  private static final Linker LINKER = Linker.nativeLinker();
  private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
  private static final MethodHandle SOCKET = handle("socket",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle BIND = handle("bind",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle LISTEN = handle("listen",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle ACCEPT = handle("accept4",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

  private final int fd;
  private final Path path;

  private ConsoleSocket(int fd, Path path) {
    this.fd = fd;
    this.path = path;
  }

  private static MethodHandle handle(String name, FunctionDescriptor fd) {
    return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd, ERRNO);
  }

  public static ConsoleSocket listen(Path path) throws IOException {
    byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
    if (name.length >= 108) throw new IOException("console socket path too long: " + path);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int fd = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_STREAM_CLOEXEC, 0);
      if (fd < 0) throw new IOException(new Errno("socket", Libc.errno(state)).getMessage());
      MemorySegment addr = arena.allocate(110);
      addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
      MemorySegment.copy(name, 0, addr, ValueLayout.JAVA_BYTE, 2, name.length);
      if ((int) BIND.invokeExact(state, fd, addr, 2 + name.length + 1) < 0
          || (int) LISTEN.invokeExact(state, fd, 1) < 0) {
        int e = Libc.errno(state);
        FdPassing.close(fd);
        throw new IOException(new Errno("bind " + path, e).getMessage());
      }
      return new ConsoleSocket(fd, path);
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  /** Waits for the runtime to connect and returns the pty master it sends. */
  public int receiveMaster() throws IOException {
    int conn;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      conn = (int) ACCEPT.invokeExact(state, fd, MemorySegment.NULL, MemorySegment.NULL, 02000000);
      if (conn < 0) throw new IOException(new Errno("accept", Libc.errno(state)).getMessage());
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
    try {
      return FdPassing.receiveFd(conn);
    } finally {
      FdPassing.close(conn);
    }
  }

  @Override
  public void close() throws IOException {
    FdPassing.close(fd);
    Files.deleteIfExists(path);
  }
}
