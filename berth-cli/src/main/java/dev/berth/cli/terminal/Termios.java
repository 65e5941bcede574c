package dev.berth.cli.terminal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The few libc terminal calls berth needs, through the FFM API: isatty, tcgetattr, tcsetattr,
 * cfmakeraw and ioctl(TIOCGWINSZ). Linux struct layouts.
 */
final class Termios {
  /** sizeof(struct termios) on Linux is 60; a little spare does no harm. */
  static final long SIZE = 64;
  private static final int TCSANOW = 0;
  private static final long TIOCGWINSZ = 0x5413;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final MethodHandle ISATTY = handle("isatty",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle TCGETATTR = handle("tcgetattr",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
  private static final MethodHandle TCSETATTR = handle("tcsetattr",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
          ValueLayout.ADDRESS));
  private static final MethodHandle CFMAKERAW = handle("cfmakeraw",
      FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
  private static final MethodHandle IOCTL = LINKER.downcallHandle(
      LIBC.find("ioctl").orElseThrow(),
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
          ValueLayout.ADDRESS),
      Linker.Option.firstVariadicArg(2));

  private Termios() {}

  private static MethodHandle handle(String name, FunctionDescriptor fd) {
    return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), fd);
  }

  static boolean isatty(int fd) {
    try {
      return (int) ISATTY.invokeExact(fd) == 1;
    } catch (Throwable t) {
      return false;
    }
  }

  /** The current settings of {@code fd}, or null if it is not a terminal. */
  static byte[] get(int fd) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment t = a.allocate(SIZE);
      if ((int) TCGETATTR.invokeExact(fd, t) != 0) {
        return null;
      }
      return t.toArray(ValueLayout.JAVA_BYTE);
    } catch (Throwable e) {
      return null;
    }
  }

  static boolean set(int fd, byte[] termios) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment t = a.allocate(SIZE);
      MemorySegment.copy(termios, 0, t, ValueLayout.JAVA_BYTE, 0, termios.length);
      return (int) TCSETATTR.invokeExact(fd, TCSANOW, t) == 0;
    } catch (Throwable e) {
      return false;
    }
  }

  /** {@code termios} with cfmakeraw applied (no echo, no line editing, no signals, 8 bit). */
  static byte[] raw(byte[] termios) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment t = a.allocate(SIZE);
      MemorySegment.copy(termios, 0, t, ValueLayout.JAVA_BYTE, 0, termios.length);
      CFMAKERAW.invokeExact(t);
      return t.toArray(ValueLayout.JAVA_BYTE);
    } catch (Throwable e) {
      throw new IllegalStateException("cfmakeraw failed", e);
    }
  }

  /** {rows, columns} of the terminal on {@code fd}, or null. */
  static int[] windowSize(int fd) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ws = a.allocate(8);
      if ((int) IOCTL.invokeExact(fd, TIOCGWINSZ, ws) != 0) {
        return null;
      }
      int rows = Short.toUnsignedInt(ws.get(ValueLayout.JAVA_SHORT, 0));
      int cols = Short.toUnsignedInt(ws.get(ValueLayout.JAVA_SHORT, 2));
      return new int[] {rows, cols};
    } catch (Throwable e) {
      return null;
    }
  }
}
