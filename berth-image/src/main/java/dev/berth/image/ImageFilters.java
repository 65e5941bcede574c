package dev.berth.image;

import dev.berth.error.BerthException;
import dev.berth.oci.reference.ImageReference;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code --filter} terms of {@code docker images} and {@code docker image prune}, parsed once
 * and matched against images. Terms of one key are ORed (any label, any reference), different
 * keys ANDed, as in Docker.
 */
final class ImageFilters {
  static final Set<String> LIST_KEYS = Set.of("dangling", "label", "before", "since", "reference",
      "until");
  static final Set<String> PRUNE_KEYS = Set.of("dangling", "label", "label!", "until");

  private final Predicate<ImageView> test;

  private ImageFilters(Predicate<ImageView> test) {
    this.test = test;
  }

  boolean matches(ImageView image) {
    return test.test(image);
  }

  /** The {@code dangling} term when given: true, false, or null when absent. */
  static Boolean dangling(Map<String, List<String>> filters) {
    List<String> values = filters == null ? null : filters.get("dangling");
    if (values == null || values.isEmpty()) {
      return null;
    }
    Boolean result = null;
    for (String v : values) {
      boolean b = switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "1" -> true;
        case "false", "0" -> false;
        default -> throw BerthException.invalid("invalid filter 'dangling=" + v + "'");
      };
      if (result != null && result != b) {
        throw BerthException.invalid("invalid filter 'dangling': conflicting values");
      }
      result = b;
    }
    return result;
  }

  /**
   * Parses {@code filters}; keys outside {@code allowed} are refused as Docker refuses them.
   * {@code created} gives the creation time of the image a {@code before}/{@code since} term
   * names.
   */
  static ImageFilters parse(Map<String, List<String>> filters, Set<String> allowed,
      Function<String, Instant> created) {
    Predicate<ImageView> p = i -> true;
    if (filters == null) {
      return new ImageFilters(p);
    }
    for (var e : filters.entrySet()) {
      String key = e.getKey();
      List<String> values = e.getValue();
      if (!allowed.contains(key)) {
        throw BerthException.invalid("invalid filter '" + key + "'");
      }
      if (values == null || values.isEmpty()) {
        continue;
      }
      p = p.and(switch (key) {
        case "dangling" -> {
          boolean d = dangling(filters);
          yield i -> i.repoTags().isEmpty() == d;
        }
        case "label" -> i -> values.stream().anyMatch(v -> hasLabel(i, v));
        case "label!" -> i -> values.stream().noneMatch(v -> hasLabel(i, v));
        case "before" -> {
          Instant t = values.stream().map(created).min(Instant::compareTo).orElseThrow();
          yield i -> i.created().isBefore(t);
        }
        case "since" -> {
          Instant t = values.stream().map(created).max(Instant::compareTo).orElseThrow();
          yield i -> i.created().isAfter(t);
        }
        case "until" -> {
          Instant t = values.stream().map(ImageFilters::timestamp).min(Instant::compareTo)
              .orElseThrow();
          yield i -> i.created().isBefore(t);
        }
        case "reference" -> i -> values.stream().anyMatch(v -> referenceMatches(i, v));
        default -> throw new IllegalStateException(key);
      });
    }
    return new ImageFilters(p);
  }

  private static boolean hasLabel(ImageView i, String term) {
    int eq = term.indexOf('=');
    Map<String, String> labels = i.labels();
    if (eq < 0) {
      return labels.containsKey(term);
    }
    return term.substring(eq + 1).equals(labels.get(term.substring(0, eq)));
  }

  /** Docker matches the pattern against the familiar name, and name:tag, of each tag. */
  private static boolean referenceMatches(ImageView i, String pattern) {
    var matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    for (String name : i.names()) {
      if (name.indexOf('@') >= 0) {
        continue;
      }
      ImageReference r = ImageReference.parse(name);
      if (matcher.matches(Path.of(r.familiarName())) || matcher.matches(Path.of(r.familiar()))) {
        return true;
      }
    }
    return false;
  }

  /** An RFC 3339 time, Unix seconds, or a Go duration before now ({@code 24h}, {@code 10m}). */
  static Instant timestamp(String v) {
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException notRfc) {
      // next form
    }
    if (v.matches("\\d+(\\.\\d+)?")) {
      return Instant.ofEpochMilli((long) (Double.parseDouble(v) * 1000));
    }
    var m = java.util.regex.Pattern.compile("(\\d+)(h|m|s)").matcher(v);
    long seconds = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      seconds += switch (m.group(2)) {
        case "h" -> n * 3600;
        case "m" -> n * 60;
        default -> n;
      };
      end = m.end();
    }
    if (end == 0 || end != v.length()) {
      throw BerthException.invalid("invalid filter 'until=" + v + "': not a timestamp or"
          + " duration");
    }
    return Instant.now().minus(Duration.ofSeconds(seconds));
  }
}
