package dev.berth.registry.server.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A response: status, headers and either bytes or a slice of a file (sent zero-copy). For HEAD
 * the headers say the length and nothing follows.
 */
public record Reply(int status, HttpHeaders headers, byte[] body, Path file, long offset,
    long length) {

  public static Reply of(int status) {
    return new Reply(status, new DefaultHttpHeaders(), new byte[0], null, 0, 0);
  }

  public static Reply json(int status, byte[] body, String contentType) {
    Reply r = new Reply(status, new DefaultHttpHeaders(), body, null, 0, body.length);
    r.headers.set("Content-Type", contentType);
    return r;
  }

  public static Reply json(int status, String body) {
    return json(status, body.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  public static Reply file(int status, Path file, long offset, long length) {
    return new Reply(status, new DefaultHttpHeaders(), null, file, offset, length);
  }

  public Reply header(String name, Object value) {
    headers.set(name, value);
    return this;
  }
}
