package dev.berth.image.layer;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The two things Java cannot do through java.nio and berth-sys does not bind yet: mknod (device
 * nodes, fifos, overlay whiteouts) and setting non-{@code user.*} xattrs ({@code
 * trusted.overlay.opaque}, {@code security.capability}). Both run the host's tools ({@code
 * mknod} from coreutils, {@code setfattr} from the {@code attr} package). When berth-sys gains
 * mknod and lsetxattr, only this class changes.
 */
final class HostTools {
  private HostTools() {}

  /** type: 'c' character, 'b' block, 'p' fifo. */
  static void mknod(Path path, char type, int major, int minor) {
    List<String> argv = new ArrayList<>(List.of("mknod", path.toString(), String.valueOf(type)));
    if (type != 'p') {
      argv.add(Integer.toString(major));
      argv.add(Integer.toString(minor));
    }
    run(argv);
  }

  /** lsetxattr: never follows a symlink at {@code path}. */
  static void setXattr(Path path, String name, byte[] value) {
    run(List.of("setfattr", "-h", "-n", name, "-v", "0x" + HexFormat.of().formatHex(value),
        path.toString()));
  }

  private static void run(List<String> argv) {
    Process process;
    try {
      process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw BerthException.system("running " + argv.getFirst() + ": " + e.getMessage(), e);
    }
    try {
      byte[] output = process.getInputStream().readAllBytes();
      int status = process.waitFor();
      if (status != 0) {
        throw BerthException.system(String.join(" ", argv) + " exited " + status + ": "
            + new String(output, StandardCharsets.UTF_8).strip(), null);
      }
    } catch (IOException e) {
      throw BerthException.system("running " + argv.getFirst() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BerthException.system("interrupted running " + argv.getFirst(), e);
    } finally {
      process.destroy();
    }
  }
}
