package dev.berth.runtime.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a CRI log file back into the text of one stream. */
public final class CriLog {
  private CriLog() {}

  public static String stream(Path log, String stream) throws IOException {
    StringBuilder sb = new StringBuilder();
    String text;
    try {
      text = Files.readString(log);
    } catch (NoSuchFileException e) {
      return "";
    }
    for (String line : text.split("\n")) {
      if (line.isEmpty()) continue;
      String[] f = line.split(" ", 4);
      if (f.length < 3 || !f[1].equals(stream)) continue;
      sb.append(f.length == 4 ? f[3] : "");
      if (f[2].equals("F")) sb.append('\n');
    }
    return sb.toString();
  }
}
