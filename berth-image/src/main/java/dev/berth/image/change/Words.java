package dev.berth.image.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How the Dockerfile parser cuts an instruction's arguments into words, before substitution. */
final class Words {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Words() {}

  /**
   * Words split at blanks outside quotes, with the quotes and backslashes kept for substitution
   * to remove later (Docker's {@code parseWords}, used by ENV and LABEL).
   */
  static List<String> quoted(String rest) {
    var words = new ArrayList<String>();
    var word = new StringBuilder();
    boolean inWord = false;
    boolean blankOk = false;
    char quote = 0;
    int n = rest.length();
    for (int pos = 0; pos < n; pos++) {
      char ch = rest.charAt(pos);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else if (ch == '\\' && quote != '\'') {
          // An escape inside double quotes takes the next character along, whatever it is.
          if (pos + 1 == n) {
            continue;
          }
          word.append(ch);
          ch = rest.charAt(++pos);
        }
        word.append(ch);
        continue;
      }
      if (Character.isWhitespace(ch)) {
        if (inWord && (blankOk || !word.isEmpty())) {
          words.add(word.toString());
        }
        word.setLength(0);
        inWord = false;
        blankOk = false;
        continue;
      }
      inWord = true;
      if (ch == '\'' || ch == '"') {
        quote = ch;
        blankOk = true;
      } else if (ch == '\\') {
        if (pos + 1 == n) {
          continue;
        }
        word.append(ch);
        ch = rest.charAt(++pos);
      }
      word.append(ch);
    }
    if (inWord && (blankOk || !word.isEmpty())) {
      words.add(word.toString());
    }
    return words;
  }

  /** Words split at blanks only; quotes are left for substitution (EXPOSE, VOLUME). */
  static List<String> plain(String rest) {
    String s = rest.strip();
    return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
  }

  /**
   * The strings of a JSON array, or empty when {@code rest} is not a JSON array at all: Docker
   * then reads the instruction in shell form, so {@code CMD [echo hi]} runs {@code sh -c}. An
   * array holding anything but strings is an error.
   */
  static Optional<List<String>> jsonArray(String rest) {
    String s = rest.stripLeading();
    if (!s.startsWith("[")) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = JSON.readTree(s);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (node == null || !node.isArray()) {
      return Optional.empty();
    }
    var out = new ArrayList<String>();
    for (JsonNode e : node) {
      if (!e.isTextual()) {
        throw BerthException.invalid("when using JSON array syntax, arrays must be comprised of"
            + " strings only: " + s);
      }
      out.add(e.textValue());
    }
    return Optional.of(List.copyOf(out));
  }
}
