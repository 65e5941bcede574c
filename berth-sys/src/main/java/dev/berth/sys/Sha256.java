package dev.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * SHA-256 computed by libcrypto (OpenSSL's SHA256_Init/Update/Final), as a {@link MessageDigest}.
 *
 * <p>Why: berthd runs on C1 alone (bin/berthd), and C1 does not intrinsify the JDK's SHA-256: it
 * hashed at 150 MB/s on this host against 1.8 GB/s for C2 or libcrypto (SHA-NI), and hashing the
 * compressed and the uncompressed bytes of every pulled layer took four fifths of a pull's Java
 * CPU. libcrypto is the same algorithm on the same bytes; where it cannot be loaded, {@link
 * #newDigest} falls back to the JDK's.
 */
public final class Sha256 extends MessageDigest {
  /** sizeof(SHA256_CTX) is 112 on every OpenSSL 1.x/3.x ABI; a margin costs nothing. */
  private static final long CONTEXT_BYTES = 256;
  private static final int LENGTH = 32;
  private static final Functions LIBCRYPTO = Functions.load().orElse(null);

  private final MemorySegment context = Arena.ofAuto().allocate(CONTEXT_BYTES, 16);
  private final MemorySegment out = Arena.ofAuto().allocate(LENGTH);
  private final byte[] one = new byte[1];

  private Sha256() {
    super("SHA-256");
    engineReset();
  }

  /** A fresh SHA-256 digest: libcrypto's when it loaded, else the JDK's. */
  public static MessageDigest newDigest() {
    if (LIBCRYPTO != null) {
      return new Sha256();
    }
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /** Whether {@link #newDigest} hashes with libcrypto (tests assert it on hosts that have it). */
  public static boolean isNative() {
    return LIBCRYPTO != null;
  }

  @Override
  protected void engineUpdate(byte input) {
    one[0] = input;
    engineUpdate(one, 0, 1);
  }

  @Override
  protected void engineUpdate(byte[] input, int offset, int len) {
    java.util.Objects.checkFromIndexSize(offset, len, input.length);
    if (len == 0) {
      return;
    }
    // a critical call reads the Java array in place: no copy to native memory
    check(LIBCRYPTO.update(context, MemorySegment.ofArray(input).asSlice(offset, len), len),
        "SHA256_Update");
  }

  @Override
  protected byte[] engineDigest() {
    check(LIBCRYPTO.finish(out, context), "SHA256_Final");
    byte[] digest = out.toArray(ValueLayout.JAVA_BYTE);
    engineReset();
    return digest;
  }

  @Override
  protected int engineGetDigestLength() {
    return LENGTH;
  }

  @Override
  protected void engineReset() {
    check(LIBCRYPTO.init(context), "SHA256_Init");
  }

  private static void check(int result, String call) {
    if (result != 1) {
      throw new IllegalStateException("libcrypto " + call + " failed");
    }
  }

  /** The three libcrypto functions; absent when the library or a symbol is missing. */
  private record Functions(MethodHandle init, MethodHandle update, MethodHandle finish) {
    static Optional<Functions> load() {
      Linker linker = Linker.nativeLinker();
      for (String name : new String[] {"libcrypto.so.3", "libcrypto.so"}) {
        try {
          SymbolLookup lib = SymbolLookup.libraryLookup(name, Arena.global());
          MethodHandle init = linker.downcallHandle(lib.find("SHA256_Init").orElseThrow(),
              FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
              Linker.Option.critical(false));
          MethodHandle update = linker.downcallHandle(lib.find("SHA256_Update").orElseThrow(),
              FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                  ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
              Linker.Option.critical(true));
          MethodHandle finish = linker.downcallHandle(lib.find("SHA256_Final").orElseThrow(),
              FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                  ValueLayout.ADDRESS),
              Linker.Option.critical(false));
          Functions f = new Functions(init, update, finish);
          return f.selfTest() ? Optional.of(f) : Optional.empty();
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
          // not this name (or not this library's version): try the next, then the JDK's
        }
      }
      return Optional.empty();
    }

    int init(MemorySegment ctx) {
      try {
        return (int) init.invokeExact(ctx);
      } catch (Throwable t) {
        throw rethrow(t);
      }
    }

    int update(MemorySegment ctx, MemorySegment data, long len) {
      try {
        return (int) update.invokeExact(ctx, data, len);
      } catch (Throwable t) {
        throw rethrow(t);
      }
    }

    int finish(MemorySegment md, MemorySegment ctx) {
      try {
        return (int) finish.invokeExact(md, ctx);
      } catch (Throwable t) {
        throw rethrow(t);
      }
    }

    /** The digest of "abc" (FIPS 180-2's first example): proves the binding before use. */
    private boolean selfTest() {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment ctx = arena.allocate(CONTEXT_BYTES, 16);
        MemorySegment md = arena.allocate(LENGTH);
        byte[] abc = {'a', 'b', 'c'};
        if (init(ctx) != 1 || update(ctx, MemorySegment.ofArray(abc), 3) != 1
            || finish(md, ctx) != 1) {
          return false;
        }
        return java.util.HexFormat.of().formatHex(md.toArray(ValueLayout.JAVA_BYTE)).equals(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
      }
    }

    private static RuntimeException rethrow(Throwable t) {
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
      return new IllegalStateException(t);
    }
  }
}
