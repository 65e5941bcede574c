package dev.berth.runtime.plan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Percent-encoding of plan fields (native/PLAN.md): bytes up to 0x20, '%' and 0x7f become %XX;
 * an empty field is a lone '%'. The same encoding carries fields of the sync protocol.
 */
public final class PlanEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PlanEncoding() {}

  public static String encode(String field) {
    if (field.isEmpty()) return "%";
    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 8);
    boolean plain = true;
    for (byte b : bytes) {
      int u = b & 0xff;
      if (u <= 0x20 || u == '%' || u == 0x7f) {
        plain = false;
        break;
      }
    }
    if (plain) return field;
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8);
    for (byte b : bytes) {
      int u = b & 0xff;
      if (u <= 0x20 || u == '%' || u == 0x7f) {
        out.write('%');
        out.write(HEX[u >> 4]);
        out.write(HEX[u & 0xf]);
      } else {
        out.write(u);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  public static String decode(String field) {
    if (field.equals("%")) return "";
    if (field.indexOf('%') < 0) return field;
    ByteArrayOutputStream out = new ByteArrayOutputStream(field.length());
    byte[] in = field.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length) {
        out.write(Integer.parseInt(new String(in, i + 1, 2, StandardCharsets.US_ASCII), 16));
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** One line: keyword, then the encoded fields separated by single spaces. */
  public static String line(String keyword, List<String> fields) {
    StringBuilder sb = new StringBuilder(keyword);
    for (String f : fields) sb.append(' ').append(encode(f));
    return sb.toString();
  }

  /** Splits a line into decoded words (the keyword first). */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    for (String w : line.split(" ", -1)) words.add(decode(w));
    return words;
  }
}
