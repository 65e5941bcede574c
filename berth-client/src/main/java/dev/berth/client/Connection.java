package dev.berth.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One connection to the daemon, used for one request (and, when hijacked, for the raw stream
 * after it). Reads and writes may happen on two threads at once; {@link #closeWrite()} ends the
 * write side only, which is how an attached stdin says EOF.
 */
final class Connection implements Closeable {
  private final Closeable resource;
  private final InputStream in;
  private final OutputStream out;
  private final IoAction shutdownOutput;

  private interface IoAction {
    void run() throws IOException;
  }

  private Connection(Closeable resource, InputStream in, OutputStream out,
      IoAction shutdownOutput) {
    this.resource = resource;
    this.in = new BufferedInputStream(in, 16 * 1024);
    this.out = new BufferedOutputStream(out, 16 * 1024);
    this.shutdownOutput = shutdownOutput;
  }

  static Connection open(DockerHost host, SSLContext tls) {
    try {
      // not a pattern switch: its bootstrap spins a class at run time, some ms of every command
      if (host instanceof DockerHost.Unix u) {
        return unix(u);
      }
      return tcp((DockerHost.Tcp) host, tls);
    } catch (IOException e) {
      throw new DaemonUnreachableException(host.toString(), e);
    }
  }

  private static Connection unix(DockerHost.Unix u) throws IOException {
    SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(u.socket()));
    InputStream in = new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        int n = ch.read(ByteBuffer.wrap(b, off, len));
        return n;
      }
    };
    OutputStream out = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
    };
    return new Connection(ch, in, out, ch::shutdownOutput);
  }

  private static Connection tcp(DockerHost.Tcp t, SSLContext tls) throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress(t.host(), t.port()));
    if (tls == null) {
      return new Connection(s, s.getInputStream(), s.getOutputStream(), s::shutdownOutput);
    }
    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, t.host(), t.port(), true);
    ssl.startHandshake();
    return new Connection(ssl, ssl.getInputStream(), ssl.getOutputStream(), () -> {
      try {
        ssl.shutdownOutput();
      } catch (UnsupportedOperationException e) {
        // old TLS stacks cannot half-close: the daemon sees EOF only at close
      }
    });
  }

  InputStream in() {
    return in;
  }

  OutputStream out() {
    return out;
  }

  void closeWrite() throws IOException {
    out.flush();
    shutdownOutput.run();
  }

  @Override
  public void close() {
    try {
      resource.close();
    } catch (IOException e) {
      // nothing left to do with a connection that will not close
    }
  }
}
