package dev.berth.cli.container;

import dev.berth.client.DockerClient;
import dev.berth.client.Query;
import dev.berth.cli.terminal.Terminal;
import java.util.List;
import sun.misc.Signal;

/**
 * Signals the CLI passes on: without a TTY, --sig-proxy forwards INT, TERM, HUP, USR1 and
 * USR2 to the container; with one, a window change resizes the container's terminal.
 */
final class Signals {
  private static final List<String> PROXIED = List.of("INT", "TERM", "HUP", "USR1", "USR2");

  private Signals() {}

  static void proxy(DockerClient client, String id) {
    for (String name : PROXIED) {
      try {
        Signal.handle(new Signal(name), s -> Thread.ofVirtual().start(() -> {
          try {
            client.post("/containers/" + DockerClient.segment(id) + "/kill",
                Query.of("signal", name));
          } catch (RuntimeException e) {
            // the container may be gone already: docker only logs this
          }
        }));
      } catch (IllegalArgumentException e) {
        // a signal this JVM reserves
      }
    }
  }

  /** Sends the terminal size now and on every SIGWINCH to {@code resizePath}. */
  static void resizeOnWinch(DockerClient client, String resizePath) {
    resize(client, resizePath);
    try {
      Signal.handle(new Signal("WINCH"), s -> Thread.ofVirtual().start(
          () -> resize(client, resizePath)));
    } catch (IllegalArgumentException e) {
      // no SIGWINCH here: the size stays as sent
    }
  }

  static void resize(DockerClient client, String resizePath) {
    int[] size = Terminal.size();
    if (size == null || size[0] == 0) {
      return;
    }
    try {
      client.post(resizePath, Query.of("h", String.valueOf(size[0]), "w",
          String.valueOf(size[1])));
    } catch (RuntimeException e) {
      // docker retries and then gives up quietly: the process may have exited already
    }
  }
}
