package dev.berth.runtime.shim;

import dev.berth.error.BerthException;
import dev.berth.runtime.plan.LaunchContext;
import dev.berth.runtime.plan.LaunchPlan;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Starts berth-shim on a plan and returns the sync session once the monitor has connected. The
 * shim's first process exits as soon as the monitor is detached; its exit status and stderr tell
 * why a plan could not even be read.
 */
public final class ShimLauncher {
  private static final long CONNECT_TIMEOUT_MS = 30_000;

  private final Path shim;

  public ShimLauncher(Path shim) {
    this.shim = shim;
  }

  public SyncSession launch(LaunchPlan plan, RunDir run, LaunchContext.Stdio stdio) {
    try {
      Files.writeString(run.plan(), plan.text(), StandardCharsets.UTF_8);
      Files.deleteIfExists(run.sync());
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(run.sync()));
        ProcessBuilder pb = new ProcessBuilder(shim.toString(), run.plan().toString());
        if (stdio == LaunchContext.Stdio.INHERIT) {
          pb.inheritIO();
        } else {
          pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
          pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
          pb.redirectError(run.shimErrors().toFile());
        }
        Process p = pb.start();
        if (!p.waitFor(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          throw BerthException.system("berth-shim did not detach", null);
        }
        if (p.exitValue() != 0) {
          throw BerthException.system("berth-shim failed (exit " + p.exitValue() + ")" + errors(run), null);
        }
        SocketChannel ch = accept(server);
        if (ch == null) throw BerthException.system("berth-shim never connected" + errors(run), null);
        return new SyncSession(ch);
      } finally {
        Files.deleteIfExists(run.sync());
      }
    } catch (IOException e) {
      throw BerthException.system("starting berth-shim", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BerthException.system("interrupted while starting berth-shim", e);
    }
  }

  private static SocketChannel accept(ServerSocketChannel server) throws IOException {
    server.configureBlocking(false);
    try (Selector sel = Selector.open()) {
      server.register(sel, SelectionKey.OP_ACCEPT);
      if (sel.select(CONNECT_TIMEOUT_MS) == 0) return null;
      SocketChannel ch = server.accept();
      if (ch != null) ch.configureBlocking(true);
      return ch;
    }
  }

  private static String errors(RunDir run) {
    try {
      String s = Files.readString(run.shimErrors()).trim();
      return s.isEmpty() ? "" : ": " + s;
    } catch (IOException e) {
      return "";
    }
  }
}
