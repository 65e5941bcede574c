package dev.berth.cli.container;

import dev.berth.cli.terminal.EscapeProxy;
import dev.berth.client.HijackedStream;
import dev.berth.client.StdCopy;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Pumps one hijacked attach/exec stream: output to our stdout/stderr (raw bytes with a TTY,
 * stdcopy frames without), our stdin to the container until EOF (then half-close, output
 * keeps coming) or the detach keys. {@link #pump()} returns when output ends or on detach.
 */
final class StreamSession {
  private final HijackedStream stream;
  private final boolean tty;
  private final boolean sendStdin;
  private final byte[] detachKeys;
  private volatile boolean detached;

  StreamSession(HijackedStream stream, boolean tty, boolean sendStdin, byte[] detachKeys) {
    this.stream = stream;
    this.tty = tty;
    this.sendStdin = sendStdin;
    this.detachKeys = detachKeys;
  }

  /** True if the session ended because the user typed the detach keys. */
  boolean pump() throws IOException {
    if (sendStdin) {
      Thread t = new Thread(this::copyStdin, "berth-stdin");
      t.setDaemon(true);
      t.start();
    }
    PrintStream out = System.out;
    PrintStream err = System.err;
    try {
      if (tty) {
        copyRaw(stream.output(), out);
      } else {
        StdCopy.demux(stream.output(), out, err);
      }
    } catch (IOException e) {
      if (!detached) {
        throw e;
      }
    } finally {
      out.flush();
      stream.close();
    }
    return detached;
  }

  private static void copyRaw(InputStream in, OutputStream out) throws IOException {
    byte[] buf = new byte[32 * 1024];
    for (int n; (n = in.read(buf)) >= 0; ) {
      out.write(buf, 0, n);
      out.flush();
    }
  }

  private void copyStdin() {
    InputStream in = new FileInputStream(FileDescriptor.in);
    if (tty) {
      in = new EscapeProxy(in, detachKeys);
    }
    OutputStream to = stream.input();
    byte[] buf = new byte[32 * 1024];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        if (n > 0) {
          to.write(buf, 0, n);
          to.flush();
        }
      }
      stream.closeWrite();
    } catch (EscapeProxy.DetachedException d) {
      detached = true;
      stream.close();
    } catch (IOException e) {
      // the container went away while we were writing: output's end reports it
    }
  }
}
