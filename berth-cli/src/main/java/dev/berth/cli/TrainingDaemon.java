package dev.berth.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in daemon for {@link Training}: answers the API calls of typical commands with small
 * canned bodies on a private unix socket, so the AOT cache is recorded through the client, the
 * JSON and the output code a real command runs (not only through "cannot connect"). Nothing
 * here touches a container; it lives only while the training runs.
 */
final class TrainingDaemon implements AutoCloseable {
  private static final String ID =
      "4f1c2a3b5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708";
  private static final String SUMMARY = "{\"Id\":\"" + ID + "\",\"Names\":[\"/x\"],"
      + "\"Image\":\"busybox\",\"ImageID\":\"sha256:" + ID + "\",\"Command\":\"sh\","
      + "\"Created\":1700000000,\"Ports\":[{\"PrivatePort\":80,\"Type\":\"tcp\"}],"
      + "\"Labels\":{\"a\":\"b\"},\"State\":\"running\",\"Status\":\"Up 5 minutes\","
      + "\"HostConfig\":{\"NetworkMode\":\"bridge\"},\"NetworkSettings\":{\"Networks\":{}},"
      + "\"Mounts\":[]}";
  private static final String INSPECT = "{\"Id\":\"" + ID + "\",\"Name\":\"/x\","
      + "\"Created\":\"2026-01-01T00:00:00.000000000Z\",\"Path\":\"sh\",\"Args\":[],"
      + "\"State\":{\"Status\":\"running\",\"Running\":true,\"Paused\":false,\"Pid\":42,"
      + "\"ExitCode\":0,\"StartedAt\":\"2026-01-01T00:00:00Z\"},\"Image\":\"sha256:" + ID
      + "\",\"Config\":{\"Image\":\"busybox\",\"Tty\":false,\"OpenStdin\":false,"
      + "\"Env\":[\"A=B\"],\"Cmd\":[\"sh\"],\"Labels\":{}},\"HostConfig\":{\"AutoRemove\":false,"
      + "\"PortBindings\":{}},\"NetworkSettings\":{\"Ports\":{},\"Networks\":{}},\"Mounts\":[]}";

  private final Path dir;
  private final Path socket;
  private final ServerSocketChannel server;

  private TrainingDaemon(Path dir) throws IOException {
    this.dir = dir;
    this.socket = dir.resolve("api.sock");
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread t = new Thread(this::serve, "training-daemon");
    t.setDaemon(true);
    t.start();
  }

  static TrainingDaemon start() throws IOException {
    return new TrainingDaemon(Files.createTempDirectory("berth-training"));
  }

  String host() {
    return "unix://" + socket;
  }

  private void serve() {
    while (server.isOpen()) {
      try {
        SocketChannel ch = server.accept();
        Thread t = new Thread(() -> answer(ch), "training-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void answer(SocketChannel ch) {
    try (ch; InputStream in = Channels.newInputStream(ch);
         OutputStream out = Channels.newOutputStream(ch)) {
      String head = head(in);
      String[] line = head.substring(0, head.indexOf('\r')).split(" ");
      String method = line[0];
      String path = line[1].replaceFirst("^/v[0-9.]+", "").replaceFirst("\\?.*", "");
      skipBody(in, head); // unread bytes at close would reset the connection
      if (head.toLowerCase(java.util.Locale.ROOT).contains("upgrade: tcp")) {
        out.write(("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream"
            + "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(frame("hello\n"));
        return;
      }
      reply(out, method, path);
    } catch (IOException | RuntimeException e) {
      // a client that went away mid-answer is part of training too
    }
  }

  private static void reply(OutputStream out, String method, String path) throws IOException {
    if (path.equals("/_ping")) {
      send(out, 200, "text/plain", "OK");
    } else if (path.equals("/version")) {
      send(out, 200, "application/json", "{\"Version\":\"0.1.0\",\"ApiVersion\":\"1.44\","
          + "\"MinAPIVersion\":\"1.24\",\"Os\":\"linux\",\"Arch\":\"amd64\",\"GoVersion\":\"-\","
          + "\"GitCommit\":\"x\",\"KernelVersion\":\"6\",\"BuildTime\":\"-\",\"Components\":[]}");
    } else if (path.equals("/containers/create")) {
      send(out, 201, "application/json", "{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
    } else if (path.equals("/containers/json")) {
      send(out, 200, "application/json", "[" + SUMMARY + "]");
    } else if (path.endsWith("/wait")) {
      send(out, 200, "application/json", "{\"StatusCode\":0}");
    } else if (path.endsWith("/logs")) {
      send(out, 200, "application/vnd.docker.raw-stream", frame("a log line\n"));
    } else if (path.startsWith("/exec/") && path.endsWith("/json")) {
      send(out, 200, "application/json", "{\"ID\":\"" + ID + "\",\"Running\":false,"
          + "\"ExitCode\":0,\"ContainerID\":\"" + ID + "\"}");
    } else if (path.startsWith("/containers/") && path.endsWith("/json")) {
      send(out, 200, "application/json", INSPECT);
    } else if (path.startsWith("/containers/") || path.startsWith("/exec/")) {
      if (path.endsWith("/exec")) {
        send(out, 201, "application/json", "{\"Id\":\"" + ID + "\"}");
      } else {
        send(out, 204, null, "");
      }
    } else if (path.equals("/images/json")) {
      send(out, 200, "application/json", "[{\"Id\":\"sha256:" + ID + "\",\"RepoTags\":"
          + "[\"busybox:latest\"],\"RepoDigests\":[],\"Created\":1700000000,\"Size\":2000000,"
          + "\"Containers\":-1,\"Labels\":null}]");
    } else if (path.equals("/images/create")) {
      send(out, 200, "application/json", "{\"status\":\"Pulling from library/busybox\","
          + "\"id\":\"latest\"}\r\n{\"status\":\"Pulling fs layer\",\"progressDetail\":{},"
          + "\"id\":\"abc\"}\r\n{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1,"
          + "\"total\":2},\"id\":\"abc\"}\r\n{\"status\":\"Pull complete\",\"progressDetail\":{},"
          + "\"id\":\"abc\"}\r\n{\"status\":\"Status: Downloaded newer image for busybox:latest\"}"
          + "\r\n");
    } else if (path.equals("/networks") && method.equals("GET")) {
      send(out, 200, "application/json", "[{\"Name\":\"bridge\",\"Id\":\"" + ID + "\","
          + "\"Driver\":\"bridge\",\"Scope\":\"local\",\"Created\":\"2026-01-01T00:00:00Z\"}]");
    } else if (path.equals("/networks/create")) {
      send(out, 201, "application/json", "{\"Id\":\"" + ID + "\",\"Warning\":\"\"}");
    } else if (path.equals("/volumes") && method.equals("GET")) {
      send(out, 200, "application/json", "{\"Volumes\":[{\"Name\":\"v\",\"Driver\":\"local\","
          + "\"Mountpoint\":\"/v\",\"Scope\":\"local\"}],\"Warnings\":null}");
    } else if (path.equals("/volumes/create")) {
      send(out, 201, "application/json", "{\"Name\":\"v\",\"Driver\":\"local\","
          + "\"Mountpoint\":\"/v\",\"Scope\":\"local\"}");
    } else {
      send(out, 404, "application/json", "{\"message\":\"No such object: x\"}");
    }
  }

  private static void send(OutputStream out, int status, String type, String body)
      throws IOException {
    send(out, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(OutputStream out, int status, String type, byte[] body)
      throws IOException {
    StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n")
        .append("Api-Version: 1.44\r\nConnection: close\r\n");
    if (type != null) {
      h.append("Content-Type: ").append(type).append("\r\n");
    }
    h.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    out.write(h.toString().getBytes(StandardCharsets.UTF_8));
    out.write(body);
  }

  /** One stdout frame of Docker's stdcopy multiplexing. */
  private static byte[] frame(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    byte[] f = new byte[8 + b.length];
    f[0] = 1;
    f[4] = (byte) (b.length >>> 24);
    f[5] = (byte) (b.length >>> 16);
    f[6] = (byte) (b.length >>> 8);
    f[7] = (byte) b.length;
    System.arraycopy(b, 0, f, 8, b.length);
    return f;
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed in the request head");
      }
      h.write(c);
      matched = (c == '\r' || c == '\n') && "\r\n\r\n".charAt(matched) == c ? matched + 1
          : c == '\r' ? 1 : 0;
    }
    return h.toString(StandardCharsets.ISO_8859_1);
  }

  private static void skipBody(InputStream in, String head) throws IOException {
    for (String l : head.split("\r\n")) {
      if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        in.readNBytes(Integer.parseInt(l.substring(15).trim()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
    Files.deleteIfExists(dir);
  }
}
