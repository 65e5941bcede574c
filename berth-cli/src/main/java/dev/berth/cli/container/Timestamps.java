package dev.berth.cli.container;

import dev.berth.cli.CliException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Docker's {@code --since/--until} values ({@code timetypes.GetTimestamp}): a unix time
 * ("1700000000" or "1700000000.5"), a Go duration before now ("10m"), or an RFC 3339 date or
 * time; sent as {@code seconds.nanoseconds}.
 */
final class Timestamps {
  private Timestamps() {}

  static String toApi(String value, Instant now, String flag) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.matches("\\d+(\\.\\d+)?")) {
      return value;
    }
    try {
      long nanos = GoDuration.nanos(value);
      // whole seconds, as the docker CLI sends a duration
      return Long.toString(now.minusNanos(nanos).getEpochSecond());
    } catch (RuntimeException notADuration) {
      // try the date forms
    }
    try {
      return format(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException e) {
      // without an offset: local time, as docker
    }
    try {
      return format(LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant());
    } catch (DateTimeParseException e) {
      // a bare date next
    }
    try {
      return format(LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant());
    } catch (DateTimeParseException e) {
      throw new CliException("invalid value for \"" + flag + "\": failed to parse value as"
          + " time or duration: \"" + value + "\"");
    }
  }

  private static String format(Instant t) {
    return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
  }
}
