package dev.berth.cli.system;

import dev.berth.cli.CliException;
import dev.berth.cli.container.GoDuration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * --since/--until as the docker CLI sends them: a Go duration ("10m") counts back from now,
 * dates and RFC 3339 times become unix seconds, unix timestamps pass unchanged.
 */
final class ApiTimes {
  private static final Pattern DURATION = Pattern.compile("(?:(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h))+");
  private static final Pattern UNIX = Pattern.compile("-?\\d+(\\.\\d{1,9})?");

  private ApiTimes() {}

  static String toApi(String value, Instant now) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (UNIX.matcher(value).matches()) {
      return value;
    }
    if (DURATION.matcher(value).matches()) {
      // whole seconds, as the docker CLI sends it: --until 0s leaves out this second's events
      return Long.toString(now.minusNanos(GoDuration.nanos(value)).getEpochSecond());
    }
    try {
      return seconds(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException e) {
      // not RFC 3339 with a zone: try the local forms docker accepts
    }
    try {
      return seconds(LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant());
    } catch (DateTimeParseException e) {
      // next form
    }
    try {
      return seconds(LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant());
    } catch (DateTimeParseException e) {
      throw new CliException("failed to parse value as time or duration: \"" + value + "\"");
    }
  }

  private static String seconds(Instant t) {
    return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
  }
}
