package dev.berth.cli.network;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Go's {@code time.Time.String()}: "2006-01-02 15:04:05.999999999 -0700 MST", local zone. */
public final class GoTime {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern(" xx zzz");

  private GoTime() {}

  public static String string(OffsetDateTime t) {
    ZonedDateTime z = t.atZoneSameInstant(ZoneId.systemDefault());
    StringBuilder sb = new StringBuilder(SECONDS.format(z));
    if (z.getNano() != 0) {
      // .999999999: the fraction without its trailing zeros
      String frac = String.format("%09d", z.getNano()).replaceAll("0+$", "");
      sb.append('.').append(frac);
    }
    return sb.append(ZONE.format(z)).toString();
  }
}
