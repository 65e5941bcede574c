package dev.berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A successful response whose body is read as it arrives. Close it to drop the connection
 * (that is how a follower stops following).
 */
public final class ApiResponse implements Closeable {
  private final int status;
  private final Map<String, String> headers;
  private final InputStream body;
  private final Connection connection;

  ApiResponse(int status, Map<String, String> headers, InputStream body, Connection connection) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.connection = connection;
  }

  public int status() {
    return status;
  }

  /** A header by lower-case name, or null. */
  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  public InputStream body() {
    return body;
  }

  public byte[] bytes() {
    try (this) {
      return body.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /** The body as one JSON value, or null for an empty body (204, 304). */
  public JsonNode json() {
    byte[] b = bytes();
    if (b.length == 0) {
      return null;
    }
    try {
      return Json.parse(b);
    } catch (JsonReader.JsonException e) {
      throw new UncheckedIOException("bad JSON from the daemon", e.getCause());
    }
  }

  /**
   * The body as a stream of JSON values (progress messages, events, stats), one per call to
   * {@code next()}, read lazily.
   */
  public Iterator<JsonNode> jsonStream() {
    JsonReader reader = new JsonReader(body);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return reader.hasNext();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public JsonNode next() {
        try {
          JsonNode n = reader.next();
          if (n == null) {
            throw new NoSuchElementException();
          }
          return n;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  @Override
  public void close() {
    connection.close();
  }
}
