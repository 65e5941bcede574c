package dev.berth.cli.image;

import dev.berth.cli.CliException;
import java.util.regex.Pattern;

/**
 * The docker CLI checks a new image name before sending it: "Error parsing reference: ..." for
 * names the reference grammar rejects (upper case in the repository, bad characters).
 */
final class TargetName {
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  private TargetName() {}

  /** As tag words it: "Error parsing reference: "X" is not a valid repository/tag: ...". */
  static void check(String ref) {
    check(ref, true);
  }

  /** {@code parsing}: tag's wording; import prints the reference error alone. */
  static void check(String ref, boolean parsing) {
    String name = ref;
    String tag = null;
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      name = ref.substring(0, colon);
      tag = ref.substring(colon + 1);
    }
    String[] parts = name.split("/", -1);
    int first = parts.length > 1 && (parts[0].contains(".") || parts[0].contains(":")
        || parts[0].equals("localhost") || !parts[0].equals(parts[0].toLowerCase())) ? 1 : 0;
    for (int i = first; i < parts.length; i++) {
      if (!COMPONENT.matcher(parts[i]).matches()) {
        String path = first == 1 ? name.substring(name.indexOf('/') + 1)
            : parts.length == 1 ? "library/" + name : name;
        if (!parts[i].equals(parts[i].toLowerCase()) && COMPONENT.matcher(parts[i].toLowerCase()).matches()) {
          throw fail(ref, "repository name (" + path + ") must be lowercase", parsing);
        }
        throw fail(ref, "invalid reference format", parsing);
      }
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw fail(ref, "invalid reference format", parsing);
    }
  }

  private static CliException fail(String ref, String why, boolean parsing) {
    String detail = why.startsWith("invalid reference format") ? why : "invalid reference format: " + why;
    return new CliException(parsing
        ? "Error parsing reference: \"" + ref + "\" is not a valid repository/tag: " + detail : detail);
  }
}
