package dev.berth.cli.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** docker's confirmation prompt: "... [y/N] " on stdout, yes only for "y" or "Y". */
public final class Prompt {
  private Prompt() {}

  public static boolean confirm(PrintStream out, String message) {
    out.print(message + " [y/N] ");
    out.flush();
    try {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line != null && line.trim().equalsIgnoreCase("y");
    } catch (IOException e) {
      return false;
    }
  }
}
