package dev.berth.image.layer;

import com.github.luben.zstd.ZstdInputStream;
import dev.berth.oci.image.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opens a layer blob (or any tar blob) as its uncompressed stream, sniffing the compression when not given. */
public final class LayerDecompression {
  private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};
  private static final byte[] ZSTD_MAGIC = {(byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd};

  /** How many leading bytes {@link #sniff(byte[], int)} needs to decide. */
  public static final int MAGIC_LENGTH = 4;

  private LayerDecompression() {}

  /** {@code compression} null means: tell from the first bytes. */
  public static InputStream open(InputStream blob, Compression compression) throws IOException {
    InputStream in = new BufferedInputStream(blob, 64 * 1024);
    Compression c = compression != null ? compression : sniff(in);
    return switch (c) {
      case NONE -> in;
      // GZIPInputStream reads concatenated members and throws EOFException on a cut stream.
      case GZIP -> new GZIPInputStream(in, 64 * 1024);
      // continuous=false (the default): a frame cut short is an error, not a quiet end.
      case ZSTD -> new ZstdInputStream(in);
    };
  }

  /** Reads the magic bytes without consuming them; {@code in} must support mark. */
  public static Compression sniff(InputStream in) throws IOException {
    in.mark(MAGIC_LENGTH);
    byte[] head = in.readNBytes(MAGIC_LENGTH);
    in.reset();
    return sniff(head, head.length);
  }

  /** The compression the first {@code length} bytes of {@code head} announce. */
  public static Compression sniff(byte[] head, int length) {
    if (startsWith(head, length, GZIP_MAGIC)) {
      return Compression.GZIP;
    }
    if (startsWith(head, length, ZSTD_MAGIC)) {
      return Compression.ZSTD;
    }
    return Compression.NONE;
  }

  private static boolean startsWith(byte[] head, int length, byte[] magic) {
    if (length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
