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

  static void check(String ref) {
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
          throw fail(ref, "repository name (" + path + ") must be lowercase");
        }
        throw fail(ref, "invalid reference format");
      }
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw fail(ref, "invalid reference format");
    }
  }

  private static CliException fail(String ref, String why) {
    String detail = why.startsWith("invalid reference format") ? why : "invalid reference format: " + why;
    return new CliException("Error parsing reference: \"" + ref + "\" is not a valid repository/tag: " + detail);
  }
}
