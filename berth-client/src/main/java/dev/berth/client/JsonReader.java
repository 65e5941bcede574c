package dev.berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads JSON text into Jackson trees without Jackson's parser. A CLI run lives for a fraction of
 * a second and the static set-up of Jackson's mapper and parser classes costs it tens of
 * milliseconds, more than the request it makes; the trees themselves are cheap. Numbers become
 * the nodes Jackson's {@code readTree} makes (int, long, big integer, double), a repeated key
 * keeps its last value. Reads values one at a time from a stream, taking only the bytes the
 * stream has, so progress, event and stats streams are shown as they arrive.
 */
public final class JsonReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 1000;

  private final InputStream in;
  private final byte[] buf = new byte[8192];
  private int pos;
  private int end;
  private byte[] text = new byte[256];

  public JsonReader(InputStream in) {
    this.in = in;
  }

  /** One JSON value from {@code bytes}, which must hold nothing else but white space. */
  public static JsonNode parse(byte[] bytes) {
    JsonReader r = new JsonReader(new ByteArrayInputStream(bytes));
    try {
      JsonNode v = r.next();
      if (v == null) {
        throw new JsonException("no JSON value in the input");
      }
      if (r.skipSpace() >= 0) {
        throw r.error("unexpected data after the JSON value");
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String s) {
    return parse(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The next value of the stream, or null at its end. */
  public JsonNode next() throws IOException {
    int c = skipSpace();
    return c < 0 ? null : value(0);
  }

  /** Whether another value follows (white space skipped). */
  public boolean hasNext() throws IOException {
    return skipSpace() >= 0;
  }

  private JsonNode value(int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw error("JSON nested deeper than " + MAX_DEPTH);
    }
    int c = skipSpace();
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> {
        pos++;
        yield NODES.textNode(string());
      }
      case 't' -> word("true", NODES.booleanNode(true));
      case 'f' -> word("false", NODES.booleanNode(false));
      case 'n' -> word("null", NODES.nullNode());
      case -1 -> throw error("unexpected end of JSON input");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected character '" + (char) c + "'");
      }
    };
  }

  private ObjectNode object(int depth) throws IOException {
    pos++;
    ObjectNode o = NODES.objectNode();
    if (skipSpace() == '}') {
      pos++;
      return o;
    }
    while (true) {
      if (skipSpace() != '"') {
        throw error("expected a field name");
      }
      pos++;
      String key = string();
      if (skipSpace() != ':') {
        throw error("expected ':' after field \"" + key + "\"");
      }
      pos++;
      o.set(key, value(depth + 1));
      int c = skipSpace();
      pos++;
      if (c == '}') {
        return o;
      }
      if (c != ',') {
        throw error("expected ',' or '}' in an object");
      }
    }
  }

  private ArrayNode array(int depth) throws IOException {
    pos++;
    ArrayNode a = NODES.arrayNode();
    if (skipSpace() == ']') {
      pos++;
      return a;
    }
    while (true) {
      a.add(value(depth + 1));
      int c = skipSpace();
      pos++;
      if (c == ']') {
        return a;
      }
      if (c != ',') {
        throw error("expected ',' or ']' in an array");
      }
    }
  }

  private JsonNode word(String w, JsonNode node) throws IOException {
    for (int i = 0; i < w.length(); i++) {
      if (peek() != w.charAt(i)) {
        throw error("unexpected token, expected " + w);
      }
      pos++;
    }
    return node;
  }

  private JsonNode number() throws IOException {
    StringBuilder sb = new StringBuilder(20);
    boolean integral = true;
    while (true) {
      int c = peek();
      if ((c >= '0' && c <= '9') || c == '-' || c == '+') {
        sb.append((char) c);
      } else if (c == '.' || c == 'e' || c == 'E') {
        integral = false;
        sb.append((char) c);
      } else {
        break;
      }
      pos++;
    }
    String s = sb.toString();
    try {
      if (!integral) {
        return NODES.numberNode(Double.parseDouble(s));
      }
      if (s.length() <= 18) {
        long v = Long.parseLong(s);
        return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
      }
      BigInteger big = new BigInteger(s);
      return big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
    } catch (NumberFormatException e) {
      throw error("malformed number " + s);
    }
  }

  /**
   * A string's text after its opening quote, through its closing one. A surrogate escape
   * without its other half becomes U+FFFD, as Go's encoding/json (the daemon's side) reads it.
   */
  private String string() throws IOException {
    int n = 0;
    int pendingHigh = -1; // a high-surrogate escape waiting for its low half
    while (true) {
      int c = peek();
      if (c < 0) {
        throw error("unterminated string");
      }
      pos++;
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        int e = peek();
        pos++;
        int ch = switch (e) {
          case '"', '\\', '/' -> e;
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'u' -> hex4();
          default -> throw error("bad escape in a string");
        };
        if (pendingHigh >= 0 && ch >= 0xDC00 && ch <= 0xDFFF) {
          n = utf8(n, Character.toCodePoint((char) pendingHigh, (char) ch));
          pendingHigh = -1;
          continue;
        }
        if (pendingHigh >= 0) {
          n = utf8(n, REPLACEMENT);
          pendingHigh = -1;
        }
        if (ch >= 0xD800 && ch <= 0xDBFF) {
          pendingHigh = ch;
        } else {
          n = utf8(n, ch >= 0xDC00 && ch <= 0xDFFF ? REPLACEMENT : ch);
        }
        continue;
      }
      if (pendingHigh >= 0) {
        n = utf8(n, REPLACEMENT);
        pendingHigh = -1;
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      n = put(n, (byte) c);
    }
    if (pendingHigh >= 0) {
      n = utf8(n, REPLACEMENT);
    }
    return new String(text, 0, n, StandardCharsets.UTF_8);
  }

  private static final int REPLACEMENT = 0xFFFD;

  private int hex4() throws IOException {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(peek(), 16);
      if (d < 0) {
        throw error("bad \\u escape in a string");
      }
      pos++;
      v = v * 16 + d;
    }
    return v;
  }

  private int utf8(int n, int cp) {
    if (cp < 0x80) {
      return put(n, (byte) cp);
    }
    byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
    for (byte x : b) {
      n = put(n, x);
    }
    return n;
  }

  private int put(int n, byte b) {
    if (n == text.length) {
      text = Arrays.copyOf(text, n * 2);
    }
    text[n] = b;
    return n + 1;
  }

  /** The next non-space byte, not consumed, or -1 at the end. */
  private int skipSpace() throws IOException {
    while (true) {
      int c = peek();
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return c;
      }
      pos++;
    }
  }

  private int peek() throws IOException {
    if (pos == end && !fill()) {
      return -1;
    }
    return buf[pos] & 0xff;
  }

  private boolean fill() throws IOException {
    pos = 0;
    end = 0;
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    end = n;
    return true;
  }

  private JsonException error(String what) {
    return new JsonException(what);
  }

  /** JSON text that is not well formed. */
  public static final class JsonException extends UncheckedIOException {
    private static final long serialVersionUID = 1;

    JsonException(String message) {
      super(new IOException(message));
    }
  }
}
