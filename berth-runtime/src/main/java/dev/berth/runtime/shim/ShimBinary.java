package dev.berth.runtime.shim;

import dev.berth.error.BerthException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the berth-shim executable is: -Dberth.shim, $BERTH_SHIM, or the installed location. */
public final class ShimBinary {
  private ShimBinary() {}

  public static Path locate() {
    String p = System.getProperty("berth.shim");
    if (p == null || p.isEmpty()) p = System.getenv("BERTH_SHIM");
    if (p == null || p.isEmpty()) p = "/usr/local/lib/berth/berth-shim";
    Path path = Path.of(p);
    if (!Files.isExecutable(path)) {
      throw BerthException.precondition("berth-shim not found at " + path
          + " (build it with ./mvnw package, or set BERTH_SHIM)");
    }
    return path;
  }
}
