package dev.berth.engine;

import dev.berth.error.BerthException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Container ids and names: 64 hex digits, and Docker's name rules and generated names. */
final class Names {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final List<String> LEFT = List.of("admiring", "bold", "brave", "calm",
      "clever", "eager", "elastic", "fervent", "focused", "gallant", "happy", "jolly", "keen",
      "lucid", "nifty", "quirky", "serene", "sharp", "stoic", "tender", "vibrant", "wizardly",
      "xenodochial", "zealous");
  private static final List<String> RIGHT = List.of("babbage", "curie", "darwin", "euclid",
      "fermi", "galois", "hopper", "kepler", "lamport", "liskov", "lovelace", "meitner",
      "noether", "pascal", "ritchie", "shannon", "thompson", "turing", "wilson", "wozniak");

  private Names() {}

  static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Docker's {@code adjective_surname}. */
  static String generated() {
    return LEFT.get(RANDOM.nextInt(LEFT.size())) + "_" + RIGHT.get(RANDOM.nextInt(RIGHT.size()));
  }

  /** A requested name without its leading slash, checked against Docker's rule. */
  static String checked(String name) {
    String n = name.startsWith("/") ? name.substring(1) : name;
    if (!VALID.matcher(n).matches()) {
      throw BerthException.invalid("Invalid container name (" + name + "), only "
          + "[a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    return n;
  }
}
