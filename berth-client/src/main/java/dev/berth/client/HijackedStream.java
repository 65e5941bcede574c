package dev.berth.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The raw two-way stream of attach or exec start after the upgrade. {@link #output()} carries
 * the container's output (stdcopy frames unless it has a TTY); {@link #input()} goes to its
 * stdin; {@link #closeWrite()} tells the daemon stdin has ended while output keeps coming.
 */
public final class HijackedStream implements Closeable {
  private final Connection connection;
  private final InputStream output;
  private final String contentType;

  HijackedStream(Connection connection, InputStream output, String contentType) {
    this.connection = connection;
    this.output = output;
    this.contentType = contentType;
  }

  public InputStream output() {
    return output;
  }

  public OutputStream input() {
    return connection.out();
  }

  /** The media type the daemon announced (raw-stream or multiplexed-stream), or null. */
  public String contentType() {
    return contentType;
  }

  public void closeWrite() throws IOException {
    connection.closeWrite();
  }

  @Override
  public void close() {
    connection.close();
  }
}
