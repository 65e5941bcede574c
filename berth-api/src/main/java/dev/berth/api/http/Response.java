package dev.berth.api.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.berth.error.BerthException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The answer to one request, sent exactly once in one of these shapes: a whole body ({@link
 * #json}, {@link #text}, {@link #status}), a chunked stream ({@link #stream}, {@link
 * #jsonStream}), or a hijacked connection ({@link #hijack}). Every shape carries the server
 * headers. Used by one handler thread.
 */
public final class Response {
  private enum State { NEW, STREAM, JSON_STREAM, HIJACKED, DONE }

  private final HttpConnection connection;
  private final Channel channel;
  private final Request request;
  private final boolean hijackRoute;
  private final HttpHeaders extra = new DefaultHttpHeaders();
  private State state = State.NEW;
  private ChannelOutput out;
  private JsonStream json;
  private Hijacked hijacked;
  private boolean broken;

  Response(HttpConnection connection, Channel channel, Request request, boolean hijackRoute) {
    this.connection = connection;
    this.channel = channel;
    this.request = request;
    this.hijackRoute = hijackRoute;
  }

  /** Adds a header to whatever is sent next. */
  public Response header(String name, Object value) {
    extra.add(name, value);
    return this;
  }

  /** True once the status line has been sent: errors can then only go in-stream. */
  public boolean committed() {
    return state != State.NEW;
  }

  /** {@code status} with {@code body} as JSON, Content-Type exactly {@code application/json}. */
  public void json(int status, Object body) {
    full(status, "application/json", Json.bytes(body));
  }

  /** A text body with a content type. */
  public void text(int status, String contentType, String body) {
    full(status, contentType, body.getBytes(UTF_8));
  }

  /** A status and no body (204 and 304 carry none; others say Content-Length: 0). */
  public void status(int status) {
    full(status, null, new byte[0]);
  }

  /** A chunked body of {@code contentType} (a {@code docker save} tar); close it when done. */
  public OutputStream stream(int status, String contentType) {
    begin(State.STREAM);
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(status));
    headers(head.headers(), contentType);
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    channel.writeAndFlush(head);
    out = new ChannelOutput(channel, true, connection.writability);
    return out;
  }

  /** A 200 {@code application/json} progress stream ({@code load}, {@code create}, pulls). */
  public JsonStream jsonStream() {
    OutputStream o = stream(200, "application/json");
    state = State.JSON_STREAM;
    json = new JsonStream(o);
    return json;
  }

  /**
   * Takes the connection over (attach, exec start); only on routes registered with {@link
   * Router#addHijack}. Replies {@code 101 UPGRADED} (with {@code Connection: Upgrade}, {@code
   * Upgrade: tcp}) when the request asked to upgrade, else {@code 200 OK} with Content-Type
   * {@code application/vnd.docker.raw-stream}. The rest of the request body is read first; the
   * connection is closed when the handler returns or closes the result.
   */
  public Hijacked hijack(String contentType) throws IOException {
    if (!hijackRoute) {
      throw new IllegalStateException("route " + request.path() + " was not registered as a"
          + " hijack route");
    }
    try (InputStream body = request.body()) {
      body.transferTo(OutputStream.nullOutputStream());
    }
    begin(State.HIJACKED);
    boolean upgrade = request.upgrade();
    StringBuilder head = new StringBuilder();
    if (upgrade) {
      head.append("HTTP/1.1 101 UPGRADED\r\nContent-Type: ").append(contentType)
          .append("\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n");
    } else {
      head.append("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n");
    }
    head.append(ServerHeaders.lines());
    for (Map.Entry<String, String> h : extra) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("\r\n");
    ByteBuf bytes = Unpooled.copiedBuffer(head, UTF_8);
    // the encoder goes first so the raw head and what follows reach the socket as they are
    channel.eventLoop().submit(() -> {
      if (channel.pipeline().get(HttpConnection.ENCODER) != null) {
        channel.pipeline().remove(HttpConnection.ENCODER);
      }
      channel.writeAndFlush(bytes);
    }).awaitUninterruptibly();
    out = new ChannelOutput(channel, false, connection.writability);
    hijacked = new Hijacked(channel, connection.hijackInput(), out, upgrade);
    return hijacked;
  }

  /** True when the connection must close after this response (it broke mid-way). */
  boolean broken() {
    return broken;
  }

  /** Reports {@code error} the only way still open: a JSON error, in-stream, or a cut. */
  void fail(Throwable error) {
    BerthException e = error instanceof BerthException b ? b
        : BerthException.system(error.getMessage() == null ? error.toString()
            : error.getMessage(), error);
    if (!(error instanceof BerthException) || e.kind() == dev.berth.error.ErrorKind.SYSTEM) {
      if (!(error instanceof IOException) || channel.isActive()) {
        Log.error(request.method() + " " + request.uri() + ": " + e.getMessage(), error);
      }
    }
    try {
      switch (state) {
        case NEW -> json(ErrorStatus.of(e.kind()), Map.of("message", e.getMessage()));
        case JSON_STREAM -> json.error(e.getMessage());
        default -> abort();
      }
    } catch (RuntimeException sendFailed) {
      abort();
    }
  }

  /** Ends what was started: a default empty 200, the last chunk, or the hijacked connection. */
  void finish() {
    try {
      switch (state) {
        case NEW -> status(200);
        case STREAM, JSON_STREAM -> out.close();
        case HIJACKED -> hijacked.close();
        case DONE -> { }
      }
    } catch (IOException | RuntimeException e) {
      abort();
    }
    state = State.DONE;
  }

  private void abort() {
    broken = true;
    if (out != null) {
      out.abandon();
    }
    channel.close();
  }

  private void begin(State next) {
    if (state != State.NEW) {
      throw new IllegalStateException("response already sent (" + state + ")");
    }
    state = next;
  }

  private void full(int status, String contentType, byte[] body) {
    begin(State.DONE);
    boolean empty = status == 204 || status == 304;
    var res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(status),
        empty ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    headers(res.headers(), empty ? null : contentType);
    if (!empty) {
      res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    }
    channel.writeAndFlush(res).awaitUninterruptibly();
  }

  private void headers(HttpHeaders h, String contentType) {
    ServerHeaders.apply(h);
    if (contentType != null) {
      h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    h.add(extra);
  }
}
