package dev.berth.runtime.shim;

import dev.berth.error.BerthException;
import dev.berth.runtime.plan.LaunchContext;
import dev.berth.runtime.plan.LaunchPlan;
import dev.berth.sys.Errno;
import dev.berth.sys.Spawn;
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
import java.util.List;

/**
 * Starts berth-shim on a plan (posix_spawn, not ProcessBuilder: it is on every container's start
 * path) and returns the sync session once the monitor has connected. The shim's first process
 * exits as soon as the monitor is detached; its exit status and stderr tell why a plan could not
 * even be read.
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
        Spawn.Stdio io = stdio == LaunchContext.Stdio.INHERIT
            ? new Spawn.Stdio.Inherit() : new Spawn.Stdio.Quiet(run.shimErrors());
        int pid = Spawn.spawn(shim, List.of(shim.toString(), run.plan().toString()), io);
        // the first process exits as soon as the monitor is detached
        int status = Spawn.waitFor(pid);
        if (status != 0) {
          throw BerthException.system("berth-shim failed (exit " + status + ")" + errors(run), null);
        }
        SocketChannel ch = accept(server);
        if (ch == null) throw BerthException.system("berth-shim never connected" + errors(run), null);
        return new SyncSession(ch);
      } finally {
        Files.deleteIfExists(run.sync());
      }
    } catch (IOException e) {
      throw BerthException.system("starting berth-shim", e);
    } catch (Errno e) {
      throw BerthException.system("starting berth-shim", e);
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
