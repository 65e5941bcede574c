package dev.berth.image.unpack;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Tells a listener the bytes read so far after every read that returned some. */
final class CountingInputStream extends FilterInputStream {
  private final LongConsumer read;
  private long count;

  CountingInputStream(InputStream in, LongConsumer read) {
    super(in);
    this.read = read;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      read.accept(++count);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count += n;
      read.accept(count);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    if (skipped > 0) {
      count += skipped;
      read.accept(count);
    }
    return skipped;
  }
}
