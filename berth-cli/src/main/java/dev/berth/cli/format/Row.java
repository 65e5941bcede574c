package dev.berth.cli.format;

import java.util.List;
import java.util.Map;

/**
 * One row of a command's output as templates see it, like docker's formatter contexts
 * ({@code *formatter.ContainerContext}): {@code {{.Name}}} calls {@code field("Name", [])},
 * {@code {{.Label "k"}}} calls {@code field("Label", ["k"])}.
 */
public interface Row {
  /** What {@link #field} returns for a name the row does not have. */
  Object NO_FIELD = new Object() {
    @Override
    public String toString() {
      return "NO_FIELD";
    }
  };

  /**
   * The value of a field or method; {@link #NO_FIELD} when there is none. A method called with
   * the wrong arguments may throw an {@link IllegalArgumentException} whose message becomes the
   * template error.
   */
  Object field(String name, List<Object> args);

  /** What {@code {{json .}}} and {@code --format json} print. */
  Map<String, Object> json();

  /** The Go type name docker's error messages show for this row. */
  default String typeName() {
    return "*formatter.Context";
  }

  /** A row whose fields are the entries of a map (values may be suppliers of lazy values). */
  static Row of(String typeName, Map<String, ?> fields) {
    return new MapRow(typeName, fields);
  }
}
