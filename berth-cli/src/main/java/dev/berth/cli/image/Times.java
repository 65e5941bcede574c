package dev.berth.cli.image;

import dev.berth.client.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** How docker prints times in image and system output. */
public final class Times {
  private static final DateTimeFormatter GO_STRING =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx zzz");
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final DateTimeFormatter RFC3339_NANO_FIXED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

  private Times() {}

  /** "2 months ago" (go-units HumanDuration + " ago"). */
  public static String since(Instant t, Instant now) {
    return HumanDuration.of(Duration.between(t, now)) + " ago";
  }

  /** Go's Time.String() in the local zone: "2026-11-23 06:20:41 +0000 UTC". */
  public static String goString(Instant t) {
    return GO_STRING.format(ZonedDateTime.ofInstant(t, ZoneId.systemDefault()));
  }

  /** RFC 3339 in the local zone, as history's CREATED AT. */
  public static String rfc3339(Instant t) {
    return RFC3339.format(ZonedDateTime.ofInstant(t, ZoneId.systemDefault()));
  }

  /** The events timestamp: nine fraction digits always. */
  public static String rfc3339NanoFixed(Instant t) {
    return RFC3339_NANO_FIXED.format(ZonedDateTime.ofInstant(t, ZoneId.systemDefault()));
  }
}
