package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.CliException;
import dev.berth.cli.terminal.DetachKeys;
import dev.berth.cli.terminal.Terminal;
import dev.berth.client.ApiRequest;
import dev.berth.client.ApiResponse;
import dev.berth.client.DockerClient;
import dev.berth.client.HijackedStream;
import dev.berth.client.Query;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Attach, wait, start, pump, in docker's order (attach and wait go out before start, so no
 * output and no exit is missed): the shared core of {@code run} and {@code start -a}.
 */
final class AttachedStart {
  /**
   * What to attach and how. {@code detachFails}: docker attach reports a detach as an error
   * ("read escape sequence", exit 1); run and start -a exit 0.
   */
  record Plan(String id, boolean tty, boolean stdin, boolean stdout, boolean stderr,
      boolean sigProxy, String detachKeys, String waitCondition, boolean detachFails) {}

  private AttachedStart() {}

  /**
   * Returns the container's exit code, or 0 after a detach. {@code start} runs the start
   * request (it may throw; the attach is closed first).
   */
  static int run(DockerClient client, Plan p, Runnable start) {
    byte[] keys;
    try {
      keys = DetachKeys.parse(p.detachKeys());
    } catch (IllegalArgumentException e) {
      throw new CliException(CliException.DAEMON, "berth: " + e.getMessage());
    }
    String path = "/containers/" + DockerClient.segment(p.id());
    HijackedStream stream = null;
    if (p.stdin() || p.stdout() || p.stderr()) {
      Query q = Query.NONE.flag("stderr", p.stderr()).flag("stdin", p.stdin())
          .flag("stdout", p.stdout()).with("stream", "1").withIfSet("detachKeys",
              p.detachKeys());
      stream = client.hijack(ApiRequest.post(path + "/attach").query(q));
    }
    ApiResponse waiting = client.send(ApiRequest.post(path + "/wait")
        .query(Query.of("condition", p.waitCondition())));
    try {
      try {
        start.run();
      } catch (RuntimeException e) {
        if (stream != null) {
          stream.close();
        }
        throw e;
      }
      if (p.tty() && p.stdin()) {
        Terminal.makeRaw();
      }
      if (p.tty()) {
        Signals.resizeOnWinch(client, path + "/resize");
      } else if (p.sigProxy()) {
        Signals.proxy(client, p.id());
      }
      if (stream != null) {
        boolean detached;
        try {
          detached = new StreamSession(stream, p.tty(), p.stdin(), keys).pump();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          Terminal.restore();
        }
        if (detached) {
          if (p.detachFails()) {
            throw new CliException("read escape sequence");
          }
          return 0;
        }
      }
      JsonNode status = waiting.json();
      JsonNode error = status == null ? null : status.path("Error").path("Message");
      if (error != null && error.isTextual() && !error.asText().isEmpty()) {
        throw new CliException(CliException.DAEMON, "berth: " + error.asText());
      }
      return status == null ? 0 : status.path("StatusCode").asInt();
    } finally {
      waiting.close();
    }
  }
}
