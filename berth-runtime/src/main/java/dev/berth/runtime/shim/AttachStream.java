package dev.berth.runtime.shim;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A client of the monitor's attach.sock (native/PLAN.md): output arrives as frames of one
 * stream byte, a big-endian length and the data; what is written goes to the container's stdin.
 */
public final class AttachStream implements AutoCloseable {
  public static final int STDOUT = 1;
  public static final int STDERR = 2;

  private final SocketChannel channel;
  private final DataInputStream in;

  /** One frame of output. */
  public record Frame(int stream, byte[] data) {}

  private AttachStream(SocketChannel channel) {
    this.channel = channel;
    this.in = new DataInputStream(Channels.newInputStream(channel));
  }

  public static AttachStream connect(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    return new AttachStream(ch);
  }

  /** The next frame, or empty when the container has ended. */
  public Optional<Frame> read() throws IOException {
    int stream;
    try {
      stream = in.readUnsignedByte();
    } catch (EOFException e) {
      return Optional.empty();
    }
    byte[] data = new byte[in.readInt()];
    in.readFully(data);
    return Optional.of(new Frame(stream, data));
  }

  public void write(byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) channel.write(buf);
  }

  /** Closes the container's stdin (the write side of this connection). */
  public void closeStdin() throws IOException {
    channel.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
