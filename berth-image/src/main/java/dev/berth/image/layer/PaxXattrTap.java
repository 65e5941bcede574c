package dev.berth.image.layer;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Watches the tar stream under commons-compress and keeps the raw bytes of PAX {@code
 * SCHILY.xattr.*} values. commons-compress decodes every PAX value as UTF-8, which replaces the
 * invalid sequences of a binary value ({@code security.capability}) with U+FFFD; there is no API
 * to the raw record. The tap follows the tar's block structure itself and queues, for each real
 * (non-metadata) entry in order, the raw xattrs its local and global PAX headers gave.
 *
 * <p>The caller pairs a queued map with the entry commons-compress returned and uses a raw value
 * only when it decodes (UTF-8) to exactly the string commons-compress gave; on any doubt
 * (unexpected header, bad checksum, old GNU sparse entries) the tap stops and the strings are
 * used as before.
 */
final class PaxXattrTap extends FilterInputStream {
  static final String XATTR_PREFIX = "SCHILY.xattr.";
  private static final int BLOCK = 512;
  /** Larger PAX headers are not captured; commons-compress applies its own limits. */
  private static final int MAX_PAX = 16 << 20;

  private final byte[] header = new byte[BLOCK];
  private final byte[] one = new byte[1];
  private int headerFill;
  private long dataRemaining;
  private long padRemaining;
  /** Non-null while the data of a PAX header ('x' local, 'g' global) is being read. */
  private ByteArrayOutputStream pax;
  private boolean paxGlobal;
  private Map<String, byte[]> local = new HashMap<>();
  private long localSize = -1;
  private final Map<String, byte[]> global = new HashMap<>();
  private final ArrayDeque<Map<String, byte[]>> entries = new ArrayDeque<>();
  private boolean stopped;

  PaxXattrTap(InputStream in) {
    super(in);
  }

  /**
   * The raw xattr values (PAX keyword → bytes) of the next entry, in the order commons-compress
   * returns entries; null when the tap has stopped following the stream.
   */
  Map<String, byte[]> next() {
    return entries.poll();
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      one[0] = (byte) b;
      watch(one, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      watch(b, off, n);
    }
    return n;
  }

  /** Skipped bytes are read, so the tap sees them too. */
  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(n, 64 * 1024)];
    long done = 0;
    while (done < n) {
      int got = read(scratch, 0, (int) Math.min(scratch.length, n - done));
      if (got < 0) {
        break;
      }
      done += got;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {}

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  private void watch(byte[] b, int off, int len) {
    while (len > 0 && !stopped) {
      if (dataRemaining > 0) {
        int n = (int) Math.min(len, dataRemaining);
        if (pax != null) {
          pax.write(b, off, n);
        }
        dataRemaining -= n;
        off += n;
        len -= n;
        if (dataRemaining == 0) {
          endOfData();
        }
      } else if (padRemaining > 0) {
        int n = (int) Math.min(len, padRemaining);
        padRemaining -= n;
        off += n;
        len -= n;
      } else {
        int n = Math.min(len, BLOCK - headerFill);
        System.arraycopy(b, off, header, headerFill, n);
        headerFill += n;
        off += n;
        len -= n;
        if (headerFill == BLOCK) {
          headerFill = 0;
          header();
        }
      }
    }
  }

  private void header() {
    if (allZero() || !checksumOk()) {
      stopped = true; // end of archive, or a stream this tap does not follow
      return;
    }
    long size = number(124, 12);
    if (size < 0) {
      stopped = true;
      return;
    }
    byte type = header[156];
    switch (type) {
      case 'x', 'X', 'g' -> {
        if (size > MAX_PAX) {
          stopped = true;
          return;
        }
        pax = new ByteArrayOutputStream((int) size);
        paxGlobal = type == 'g';
      }
      case 'L', 'K' -> pax = null; // GNU long name / long link: skipped
      case 'S' -> {
        stopped = true; // old GNU sparse: extension blocks follow the header
        return;
      }
      default -> {
        Map<String, byte[]> xattrs = new HashMap<>(global);
        xattrs.putAll(local);
        entries.add(xattrs);
        if (localSize >= 0) {
          size = localSize;
        }
        local = new HashMap<>();
        localSize = -1;
        pax = null;
      }
    }
    dataRemaining = size;
    padRemaining = (BLOCK - size % BLOCK) % BLOCK;
    if (size == 0) {
      endOfData();
    }
  }

  private void endOfData() {
    if (pax == null) {
      return;
    }
    byte[] data = pax.toByteArray();
    pax = null;
    if (!parse(data, paxGlobal ? global : local) && !paxGlobal) {
      stopped = true;
    }
  }

  /** PAX records "length keyword=value\n"; false when malformed. */
  private boolean parse(byte[] data, Map<String, byte[]> into) {
    int pos = 0;
    while (pos < data.length) {
      int start = pos;
      long length = 0;
      while (pos < data.length && data[pos] >= '0' && data[pos] <= '9') {
        length = length * 10 + (data[pos] - '0');
        pos++;
        if (length > data.length) {
          return false;
        }
      }
      if (pos == start || pos >= data.length || data[pos] != ' ') {
        // trailing NULs or blank padding end the records
        return allZero(data, start) || data[start] == '\n';
      }
      int end = start + (int) length;
      if (end > data.length || data[end - 1] != '\n') {
        return false;
      }
      int key = ++pos;
      while (pos < end - 1 && data[pos] != '=') {
        pos++;
      }
      if (data[pos] != '=') {
        return false;
      }
      String keyword = new String(data, key, pos - key, StandardCharsets.UTF_8);
      byte[] value = java.util.Arrays.copyOfRange(data, pos + 1, end - 1);
      if (keyword.startsWith(XATTR_PREFIX)) {
        into.put(keyword, value);
      } else if (keyword.equals("size") && into == local) {
        try {
          localSize = value.length == 0 ? -1
              : Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
          return false;
        }
      }
      pos = end;
    }
    return true;
  }

  private static boolean allZero(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private boolean allZero() {
    return allZero(header, 0);
  }

  /** Sum of the header bytes with the checksum field as spaces, unsigned or (old tars) signed. */
  private boolean checksumOk() {
    long stored = number(148, 8);
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i >= 148 && i < 156 ? (byte) ' ' : header[i];
      unsigned += b & 0xff;
      signed += b;
    }
    return stored == unsigned || stored == signed;
  }

  /** An octal field, or GNU base-256 (high bit of the first byte set); -1 when unreadable. */
  private long number(int off, int len) {
    if ((header[off] & 0x80) != 0) {
      if (header[off] != (byte) 0x80) {
        return -1; // negative, or wider than this tap follows
      }
      long value = 0;
      for (int i = 1; i < len; i++) {
        if (value > (Long.MAX_VALUE >> 8)) {
          return -1;
        }
        value = (value << 8) | (header[off + i] & 0xff);
      }
      return value;
    }
    long value = 0;
    int i = off;
    int end = off + len;
    while (i < end && (header[i] == ' ' || header[i] == 0)) {
      i++;
    }
    boolean any = false;
    while (i < end && header[i] >= '0' && header[i] <= '7') {
      value = (value << 3) | (header[i] - '0');
      i++;
      any = true;
    }
    return any ? value : (i == end ? 0 : -1);
  }
}
