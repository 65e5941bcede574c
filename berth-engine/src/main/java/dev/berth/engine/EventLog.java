package dev.berth.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The daemon's events: the last {@link #KEPT} for {@code --since}, and a queue per live
 * subscriber. Publishing never blocks (queues are unbounded; a subscriber that stops reading is
 * closed by its reader).
 */
public final class EventLog {
  static final int KEPT = 1024;

  private final ArrayDeque<Event> recent = new ArrayDeque<>();
  private final List<BlockingQueue<Event>> subscribers = new CopyOnWriteArrayList<>();

  public void publish(Event e) {
    synchronized (recent) {
      recent.addLast(e);
      if (recent.size() > KEPT) {
        recent.removeFirst();
      }
    }
    for (BlockingQueue<Event> q : subscribers) {
      q.add(e);
    }
  }

  public void publish(String type, String action, String id, java.util.Map<String, String> attrs) {
    publish(new Event(type, action, id, attrs, Instant.now()));
  }

  /** The kept events at or after {@code since}. */
  public List<Event> since(Instant since) {
    synchronized (recent) {
      List<Event> out = new ArrayList<>();
      for (Event e : recent) {
        if (!e.time().isBefore(since)) {
          out.add(e);
        }
      }
      return out;
    }
  }

  /** A queue that receives every event from now on; {@link #unsubscribe} it when done. */
  public BlockingQueue<Event> subscribe() {
    BlockingQueue<Event> q = new LinkedBlockingQueue<>();
    subscribers.add(q);
    return q;
  }

  public void unsubscribe(BlockingQueue<Event> q) {
    subscribers.remove(q);
  }
}
