package dev.berth.registry.server.http;

import dev.berth.registry.server.ErrorCode;
import dev.berth.registry.server.RegistryException;

/** One byte range of a blob, from {@code Range: bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}. */
record ByteRange(long start, long end) {
  long length() {
    return end - start + 1;
  }

  /** Null for no Range header (the whole blob); 416 for a range outside the blob. */
  static ByteRange parse(String header, long size) {
    if (header == null) {
      return null;
    }
    String spec = header.trim();
    if (!spec.startsWith("bytes=") || spec.contains(",")) {
      throw invalid(header);
    }
    spec = spec.substring(6);
    int dash = spec.indexOf('-');
    if (dash < 0) {
      throw invalid(header);
    }
    try {
      long start;
      long end;
      if (dash == 0) {
        long suffix = Long.parseLong(spec.substring(1));
        start = Math.max(0, size - suffix);
        end = size - 1;
      } else {
        start = Long.parseLong(spec.substring(0, dash));
        end = dash == spec.length() - 1 ? size - 1
            : Math.min(size - 1, Long.parseLong(spec.substring(dash + 1)));
      }
      if (start < 0 || start > end || start >= size) {
        throw invalid(header);
      }
      return new ByteRange(start, end);
    } catch (NumberFormatException e) {
      throw invalid(header);
    }
  }

  private static RegistryException invalid(String header) {
    return new RegistryException(ErrorCode.RANGE_INVALID, "range \"" + header
        + "\" is not satisfiable");
  }
}
