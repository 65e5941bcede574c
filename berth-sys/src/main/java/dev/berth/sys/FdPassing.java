package dev.berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Raw file descriptors: receiving one sent with SCM_RIGHTS (the {@code --console-socket}
 * protocol hands a pty master over this way, see {@link ConsoleSocket}), and reading and
 * writing a pty master.
 */
public final class FdPassing {
  private static final int SOL_SOCKET = 1;
  private static final int SCM_RIGHTS = 1;

  private FdPassing() {}

  /** Waits for one message on a connected unix socket and returns the fd it carries. */
  static int receiveFd(int sock) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment data = arena.allocate(256);
      MemorySegment iov = arena.allocate(16, 8);
      iov.set(ValueLayout.ADDRESS, 0, data);
      iov.set(ValueLayout.JAVA_LONG, 8, data.byteSize());
      // cmsghdr: len (8), level (4), type (4), then the int fd, padded to 8
      MemorySegment control = arena.allocate(24, 8);
      // msghdr: name, namelen(+pad), iov, iovlen, control, controllen, flags
      MemorySegment msg = arena.allocate(56, 8);
      msg.set(ValueLayout.ADDRESS, 16, iov);
      msg.set(ValueLayout.JAVA_LONG, 24, 1L);
      msg.set(ValueLayout.ADDRESS, 32, control);
      msg.set(ValueLayout.JAVA_LONG, 40, control.byteSize());
      MemorySegment state = Libc.callState(arena);
      long n = (long) Libc.RECVMSG.invokeExact(state, sock, msg, 0);
      if (n < 0) throw new IOException(new Errno("recvmsg", Libc.errno(state)).getMessage());
      long clen = control.get(ValueLayout.JAVA_LONG, 0);
      int level = control.get(ValueLayout.JAVA_INT, 8);
      int type = control.get(ValueLayout.JAVA_INT, 12);
      if (clen < 20 || level != SOL_SOCKET || type != SCM_RIGHTS) {
        throw new IOException("console socket: message carried no file descriptor");
      }
      return control.get(ValueLayout.JAVA_INT, 16);
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  /** Reads up to max bytes from a raw fd; an empty array at end of file. */
  public static byte[] read(int fd, int max) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(max);
      MemorySegment state = Libc.callState(arena);
      long n = (long) Libc.READ.invokeExact(state, fd, buf, (long) max);
      if (n < 0) {
        int e = Libc.errno(state);
        if (e == 5) return new byte[0]; // EIO: the pty slave side is gone
        throw new IOException(new Errno("read", e).getMessage());
      }
      return buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  /** Writes all bytes to a raw fd. */
  public static void write(int fd, byte[] bytes) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
      MemorySegment state = Libc.callState(arena);
      long off = 0;
      while (off < bytes.length) {
        long n = (long) Libc.WRITE.invokeExact(state, fd, buf.asSlice(off), (long) (bytes.length - off));
        if (n < 0) throw new IOException(new Errno("write", Libc.errno(state)).getMessage());
        off += n;
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  public static void close(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      int r = (int) Libc.CLOSE.invokeExact(Libc.callState(arena), fd);
      if (r != 0) throw new IllegalStateException("close(" + fd + ") failed");
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
