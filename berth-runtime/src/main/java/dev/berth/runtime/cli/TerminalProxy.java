package dev.berth.runtime.cli;

import dev.berth.error.BerthException;
import dev.berth.runtime.ContainerRuntime;
import dev.berth.runtime.CreateOptions;
import dev.berth.sys.ConsoleSocket;
import dev.berth.sys.FdPassing;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * `run` in the foreground of a config with process.terminal and no --console-socket: like runc,
 * take the pty master over a console socket of our own and copy between it and our stdio,
 * with the local terminal (if any) in raw mode meanwhile.
 */
final class TerminalProxy {
  private TerminalProxy() {}

  static int run(ContainerRuntime runtime, String id, Path bundle, CreateOptions opts) {
    Path dir;
    try {
      dir = Files.createTempDirectory("berth-tty");
    } catch (IOException e) {
      throw BerthException.system("creating a console socket directory", e);
    }
    Path sock = dir.resolve("console.sock");
    String saved = null;
    int master = -1;
    try (ConsoleSocket console = ConsoleSocket.listen(sock)) {
      runtime.create(id, bundle, opts.withConsoleSocket(sock));
      master = console.receiveMaster();
      saved = stty("-g");
      if (saved != null) stty("raw", "-echo");
      runtime.start(id);
      int fd = master;
      Thread in = Thread.ofVirtual().start(() -> copyIn(System.in, fd));
      Thread out = Thread.ofPlatform().start(() -> copyOut(fd, System.out));
      int code = runtime.waitFor(id);
      out.join(2_000);
      in.interrupt();
      return code;
    } catch (IOException e) {
      throw BerthException.system("terminal for " + id, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BerthException.system("interrupted", e);
    } finally {
      if (saved != null) stty(saved);
      if (master >= 0) FdPassing.close(master);
      try {
        runtime.delete(id, true);
      } catch (BerthException e) {
        // it was never created
      }
      try {
        Files.deleteIfExists(sock);
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // a temp dir left in /tmp
      }
    }
  }

  private static void copyOut(int master, PrintStream out) {
    try {
      for (byte[] b = FdPassing.read(master, 8192); b.length > 0; b = FdPassing.read(master, 8192)) {
        out.write(b);
        out.flush();
      }
    } catch (IOException e) {
      // the container's side closed
    }
  }

  private static void copyIn(InputStream in, int master) {
    byte[] buf = new byte[4096];
    try {
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        FdPassing.write(master, java.util.Arrays.copyOf(buf, n));
      }
    } catch (IOException e) {
      // the container ended
    }
  }

  /** Runs stty on the controlling terminal; null when there is none. */
  private static String stty(String... args) {
    if (System.console() == null || !Files.exists(Path.of("/dev/tty"))) return null;
    try {
      var cmd = new java.util.ArrayList<>(java.util.List.of("stty", "-F", "/dev/tty"));
      cmd.addAll(java.util.List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
