package dev.berth.runtime.shim;

import dev.berth.error.BerthException;
import dev.berth.runtime.plan.PlanEncoding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A client of the monitor's ctl.sock: one request line, one reply line. */
public final class ShimControl {
  private ShimControl() {}

  /** Sends a request and returns the reply's words after "ok"; "error …" becomes an exception. */
  public static List<String> call(Path socket, String keyword, String... fields) {
    // the request is ready before connecting: the monitor reads it in its event loop, with a
    // deadline, and a cold JVM loading classes between connect and write could miss it
    ByteBuffer buf = ByteBuffer.wrap((PlanEncoding.line(keyword, List.of(fields)) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      while (buf.hasRemaining()) ch.write(buf);
      BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null) throw BerthException.system(keyword + ": the shim closed the control socket", null);
      List<String> words = PlanEncoding.split(line);
      if (words.get(0).equals("ok")) return words.subList(1, words.size());
      String msg = String.join(" ", words.subList(1, words.size()));
      throw BerthException.precondition(msg);
    } catch (IOException e) {
      throw BerthException.system(keyword + ": cannot reach the shim at " + socket, e);
    }
  }
}
