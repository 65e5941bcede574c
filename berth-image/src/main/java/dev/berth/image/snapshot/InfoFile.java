package dev.berth.image.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code <id>/info.json}: one flat JSON object of string (or null) fields, written to a temp file,
 * fsynced and renamed into place. Small enough that a hand-written codec beats a dependency.
 */
final class InfoFile {
  static final String NAME = "info.json";

  private InfoFile() {}

  static void write(Path dir, String id, Info info) throws IOException {
    String json = "{\"id\":" + quote(id) + ",\"key\":" + quote(info.key()) + ",\"parent\":"
        + quote(info.parent()) + ",\"kind\":" + quote(info.kind().json()) + ",\"created\":"
        + quote(info.created().toString()) + "}\n";
    Path tmp = dir.resolve(NAME + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE);
  }

  /** The id field and the info; throws IOException on anything malformed. */
  static Map.Entry<String, Info> read(Path dir) throws IOException {
    Map<String, String> f = parse(Files.readString(dir.resolve(NAME)));
    try {
      return Map.entry(f.get("id"), new Info(f.get("key"), f.get("parent"),
          Kind.fromJson(f.get("kind")), Instant.parse(f.get("created"))));
    } catch (RuntimeException e) {
      throw new IOException("bad " + dir.resolve(NAME) + ": " + e.getMessage(), e);
    }
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Parses {"name": "string" | null, ...}; nothing nested. */
  static Map<String, String> parse(String json) throws IOException {
    Map<String, String> out = new HashMap<>();
    int[] pos = {skip(json, 0)};
    expect(json, pos, '{');
    if (peek(json, pos) == '}') {
      return out;
    }
    while (true) {
      String name = string(json, pos);
      expect(json, pos, ':');
      String value;
      if (json.startsWith("null", pos[0] = skip(json, pos[0]))) {
        pos[0] += 4;
        value = null;
      } else {
        value = string(json, pos);
      }
      out.put(name, value);
      char c = peek(json, pos);
      pos[0]++;
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        throw new IOException("expected , or } at " + (pos[0] - 1));
      }
    }
  }

  private static String string(String s, int[] pos) throws IOException {
    expect(s, pos, '"');
    StringBuilder b = new StringBuilder();
    for (int i = pos[0]; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        pos[0] = i + 1;
        return b.toString();
      }
      if (c == '\\') {
        char e = s.charAt(++i);
        switch (e) {
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          }
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          default -> b.append(e);
        }
      } else {
        b.append(c);
      }
    }
    throw new IOException("unterminated string");
  }

  private static void expect(String s, int[] pos, char c) throws IOException {
    if (peek(s, pos) != c) {
      throw new IOException("expected " + c + " at " + pos[0]);
    }
    pos[0]++;
  }

  private static char peek(String s, int[] pos) throws IOException {
    pos[0] = skip(s, pos[0]);
    if (pos[0] >= s.length()) {
      throw new IOException("unexpected end");
    }
    return s.charAt(pos[0]);
  }

  private static int skip(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
