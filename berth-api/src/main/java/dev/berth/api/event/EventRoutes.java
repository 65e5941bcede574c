package dev.berth.api.event;

import dev.berth.api.http.Json;
import dev.berth.api.http.Request;
import dev.berth.api.http.Response;
import dev.berth.api.http.RouteGroup;
import dev.berth.api.http.Router;
import dev.berth.api.http.Timestamps;
import dev.berth.engine.Event;
import dev.berth.engine.EventLog;
import dev.berth.error.BerthException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /events}: the kept events since {@code since}, then live ones until {@code until}
 * or until the client goes, one JSON object per line, flushed each (docker-api.md §2).
 */
public final class EventRoutes implements RouteGroup {
  private final EventLog log;

  public EventRoutes(EventLog log) {
    this.log = log;
  }

  @Override
  public void register(Router r) {
    r.get("/events", this::events);
  }

  private void events(Request q, Response s) throws IOException, InterruptedException {
    Map<String, List<String>> filters = q.filters();
    Instant since = Timestamps.parse(q.query("since"));
    Instant until = Timestamps.parse(q.query("until"));
    BlockingQueue<Event> live = log.subscribe();
    try (OutputStream out = s.stream(200, "application/json")) {
      out.flush();
      Instant replayedTo = Instant.now();
      if (since != null) {
        for (Event e : log.since(since)) {
          if (until != null && !e.time().isBefore(until)) {
            return;
          }
          send(out, e, filters);
        }
      }
      while (true) {
        Duration left = until == null ? Duration.ofSeconds(1)
            : Duration.between(Instant.now(), until);
        if (until != null && left.isNegative()) {
          return;
        }
        Event e = live.poll(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
        if (e != null && e.time().isAfter(replayedTo.minusNanos(1))) {
          send(out, e, filters);
        }
      }
    } finally {
      log.unsubscribe(live);
    }
  }

  private static void send(OutputStream out, Event e, Map<String, List<String>> filters)
      throws IOException {
    if (!matches(e, filters)) {
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (e.type().equals("container")) {
      m.put("status", e.action());
      m.put("id", e.actorId());
      m.put("from", e.attributes().getOrDefault("image", ""));
    }
    m.put("Type", e.type());
    m.put("Action", e.action());
    m.put("Actor", Map.of("ID", e.actorId(), "Attributes", e.attributes()));
    m.put("scope", "local");
    m.put("time", e.time().getEpochSecond());
    m.put("timeNano", e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano());
    out.write(Json.bytes(m));
    out.write('\n');
    out.flush();
  }

  static boolean matches(Event e, Map<String, List<String>> filters) {
    for (var f : filters.entrySet()) {
      List<String> v = f.getValue();
      if (v.isEmpty()) {
        continue;
      }
      boolean ok = switch (f.getKey()) {
        case "type" -> v.contains(e.type());
        case "event" -> v.stream().anyMatch(a -> e.action().equals(a)
            || e.action().startsWith(a + ":"));
        case "container" -> e.type().equals("container") && v.stream().anyMatch(c ->
            e.actorId().startsWith(c) || c.equals(e.attributes().get("name")));
        case "image" -> v.stream().anyMatch(i -> i.equals(e.attributes().get("image"))
            || i.equals(e.actorId()));
        case "label" -> v.stream().allMatch(l -> {
          int eq = l.indexOf('=');
          return eq < 0 ? e.attributes().containsKey(l)
              : l.substring(eq + 1).equals(e.attributes().get(l.substring(0, eq)));
        });
        case "scope" -> v.contains("local");
        default -> throw BerthException.invalid("invalid filter '" + f.getKey() + "'");
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
