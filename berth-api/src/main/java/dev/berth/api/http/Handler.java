package dev.berth.api.http;

/**
 * Answers one request. Runs on a virtual thread, never on the event loop, so it may block. A
 * thrown {@link dev.berth.error.BerthException} becomes Docker's error response (or an in-stream
 * error once a stream has started).
 */
@FunctionalInterface
public interface Handler {
  void handle(Request request, Response response) throws Exception;
}
