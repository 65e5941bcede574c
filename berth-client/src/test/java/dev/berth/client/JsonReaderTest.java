package dev.berth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  private static final String[] SAMPLES = {
      "{}", "[]", "null", "true", "false", "0", "-0", "7", "-2147483648", "2147483648",
      "9223372036854775807", "-9223372036854775808", "18446744073709551616", "1.5", "-2.5e-3",
      "1E10", "\"\"", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "\"\\u0001\\u001f\\u00e9\"",
      "\"\\ud83d\\ude00 and \u00e9\u4e2d\"", "\"<tag> & more\"",
      "{\"Id\":\"abc\",\"State\":{\"Running\":true,\"Pid\":42,\"ExitCode\":0},"
          + "\"Names\":[\"/x\"],\"Labels\":{},\"Size\":null,\"Cpu\":0.25}",
      " \n\t{ \"a\" : [ 1 , [ ] , { } , \"x\" ] } \r\n",
      "{\"dup\":1,\"dup\":2}",
  };

  @Test
  void readsWhatJacksonReads() throws Exception {
    for (String s : SAMPLES) {
      JsonNode ours = JsonReader.parse(s);
      JsonNode theirs = JACKSON.readTree(s);
      assertEquals(theirs, ours, s);
      assertEquals(theirs.getNodeType(), ours.getNodeType(), s);
      if (theirs.isNumber()) {
        assertEquals(theirs.numberType(), ours.numberType(), s);
      }
    }
  }

  @Test
  void writesWhatJacksonWrites() throws Exception {
    for (String s : SAMPLES) {
      JsonNode tree = JACKSON.readTree(s);
      assertEquals(tree.toString(), JsonWriter.write(tree), s);
    }
    var o = Json.object().put("f", 1.5f).put("d", 0.1).put("l", 1L << 40);
    o.putArray("a").add("\u0000").addNull();
    assertEquals(o.toString(), JsonWriter.write(o));
  }

  @Test
  void aSurrogateWithoutItsOtherHalfBecomesTheReplacementCharacter() {
    // as Go's encoding/json reads it; it is never dropped
    assertEquals("a\ufffdb", JsonReader.parse("\"a\\ud83db\"").asText());
    assertEquals("a\ufffd", JsonReader.parse("\"a\\ud83d\"").asText());
    assertEquals("\ufffd\ufffd", JsonReader.parse("\"\\ud83d\\ud83d\"").asText());
    assertEquals("\ufffdx", JsonReader.parse("\"\\ude00x\"").asText());
    assertEquals("\ufffd\n", JsonReader.parse("\"\\ud83d\\n\"").asText());
    assertEquals("\ud83d\ude00", JsonReader.parse("\"\\ud83d\\ude00\"").asText());
  }

  @Test
  void rejectsMalformedText() {
    for (String bad : new String[] {"", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "{} x",
        "1.2.3", "\"\\x\"", "\"a\u0001\"", "[1 2]"}) {
      assertThrows(JsonReader.JsonException.class, () -> JsonReader.parse(bad), bad);
    }
  }

  @Test
  void streamsValuesAsTheyArrive() throws Exception {
    // a value is returned as soon as its bytes are there, with the writer still open: progress
    // and event streams must show each message when it comes, not when the next one does
    try (PipedOutputStream out = new PipedOutputStream();
         PipedInputStream in = new PipedInputStream(out)) {
      JsonReader r = new JsonReader(in);
      out.write("{\"status\":\"one\"}\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertEquals("one", r.next().path("status").asText());
      out.write("{\"status\":\"two\"}{\"status\":\"three\"}".getBytes(StandardCharsets.UTF_8));
      out.close();
      assertEquals("two", r.next().path("status").asText());
      assertTrue(r.hasNext());
      assertEquals("three", r.next().path("status").asText());
      assertFalse(r.hasNext());
      assertNull(r.next());
    }
  }

  @Test
  void readsValuesLongerThanItsBuffer() {
    String big = "x".repeat(100_000);
    byte[] json = ("[\"" + big + "\"," + "1,".repeat(10_000) + "2]")
        .getBytes(StandardCharsets.UTF_8);
    JsonNode n = new JsonReaderHolder(json).read();
    assertEquals(big, n.get(0).asText());
    assertEquals(10_002, n.size());
  }

  private record JsonReaderHolder(byte[] bytes) {
    JsonNode read() {
      try {
        return new JsonReader(new ByteArrayInputStream(bytes)).next();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
