package dev.berth.api.http;

import dev.berth.error.BerthException;
import java.time.Instant;

/** The times clients put in query strings ({@code since}, {@code until}): unix or RFC 3339. */
public final class Timestamps {
  private Timestamps() {}

  /** {@code sec}, {@code sec.nanos} or RFC 3339; null when absent. */
  public static Instant parse(String v) {
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      if (v.matches("\\d+(\\.\\d+)?")) {
        String[] p = v.split("\\.", 2);
        long nanos = p.length > 1 ? Long.parseLong((p[1] + "000000000").substring(0, 9)) : 0;
        return Instant.ofEpochSecond(Long.parseLong(p[0]), nanos);
      }
      return Instant.parse(v);
    } catch (RuntimeException e) {
      throw BerthException.invalid("invalid timestamp \"" + v + "\"");
    }
  }
}
