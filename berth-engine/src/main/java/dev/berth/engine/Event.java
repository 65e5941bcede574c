package dev.berth.engine;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of {@code docker events}: what happened ({@code action}) to which object ({@code
 * type}, {@code actorId}) with its attributes (image, name, exit code, labels).
 */
public record Event(String type, String action, String actorId, Map<String, String> attributes,
    Instant time) {
  public Event {
    attributes = Map.copyOf(attributes);
  }
}
