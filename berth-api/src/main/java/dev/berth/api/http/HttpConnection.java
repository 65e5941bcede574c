package dev.berth.api.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * One client connection, on its event loop: routes each request, hands it to a handler thread
 * with its body streaming through a {@link BodyPipe}, and reads the next request only after the
 * answer (clients do not pipeline). After the body of a request on a hijack route the HTTP
 * decoder is removed, so what the client sends next reaches the handler as raw bytes.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
  static final String DECODER = "http-decoder";
  static final String ENCODER = "http-encoder";

  /** Handler threads wait on this while the channel is not writable. */
  final Object writability = new Object();

  private final Router router;
  private final Executor executor;
  private Channel channel;
  private boolean busy;
  private boolean keepAlive;
  private boolean hijackRoute;
  private boolean bodyComplete;
  private boolean inputShut;
  private BodyPipe body;
  private volatile BodyPipe raw;

  HttpConnection(Router router, Executor executor) {
    this.router = router;
    this.executor = executor;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    super.channelActive(ctx);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest req) {
      onRequest(ctx, req);
    }
    if (msg instanceof HttpContent content) {
      onContent(ctx, content);
    } else if (msg instanceof ByteBuf bytes) {
      BodyPipe r = raw;
      if (r == null) {
        bytes.release();
      } else if (!r.offer(bytes)) {
        channel.config().setAutoRead(false);
      }
    } else if (!(msg instanceof HttpRequest)) {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onRequest(ChannelHandlerContext ctx, HttpRequest req) {
    if (req.decoderResult().isFailure()) {
      var res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
          Unpooled.copiedBuffer("{\"message\":\"malformed request: "
              + req.decoderResult().cause().getMessage().replace("\"", "'") + "\"}\n",
              StandardCharsets.UTF_8));
      ServerHeaders.apply(res.headers());
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      res.headers().set(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
      ctx.writeAndFlush(res).addListener(f -> ctx.close());
      busy = true;
      return;
    }
    if (busy) { // a pipelined request: not something Docker clients do
      ctx.close();
      return;
    }
    busy = true;
    keepAlive = HttpUtil.isKeepAlive(req);
    bodyComplete = false;
    QueryStringDecoder uri = new QueryStringDecoder(req.uri());
    Router.Match match = router.match(req.method().name(), uri.path());
    hijackRoute = match.route() != null && match.route().hijack();
    body = new BodyPipe(channel);
    if (HttpUtil.is100ContinueExpected(req)) {
      ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.CONTINUE));
    }
    InputStream in = body;
    executor.execute(() -> dispatch(match, req, uri, in));
  }

  private void onContent(ChannelHandlerContext ctx, HttpContent content) {
    ByteBuf data = content.content().retain();
    boolean last = content instanceof LastHttpContent;
    content.release();
    if (body == null || !busy) {
      data.release();
      return;
    }
    if (!body.offer(data)) {
      channel.config().setAutoRead(false);
    }
    if (last) {
      bodyComplete = true;
      BodyPipe finished = body;
      if (hijackRoute) {
        // the pipe first: removing the decoder hands its leftover bytes straight to us
        raw = new BodyPipe(channel);
        ctx.pipeline().remove(DECODER);
        channel.config().setAutoRead(true);
      } else {
        channel.config().setAutoRead(false);
      }
      finished.end();
    }
  }

  /** The raw input of a hijacked connection; exists once the request body has been read. */
  BodyPipe hijackInput() {
    BodyPipe r = raw;
    if (r == null) {
      throw new IllegalStateException("no hijack input: request body not finished");
    }
    return r;
  }

  private void dispatch(Router.Match match, HttpRequest req, QueryStringDecoder uri,
      InputStream in) {
    Request request = null;
    Response response = null;
    try {
      String version = null;
      RuntimeException early = null;
      try {
        if (match.route() == null) {
          throw dev.berth.error.BerthException.notFound("page not found");
        }
        version = ApiVersion.effective(match.version());
      } catch (RuntimeException e) {
        early = e;
      }
      request = new Request(req.method().name(), req.uri(), match.path(),
          version == null ? ApiVersion.MAX : version, match.params(), uri.parameters(),
          req.headers(), in);
      response = new Response(this, channel, request, hijackRoute);
      Log.debug(req.method() + " " + req.uri());
      if (early != null) {
        throw early;
      }
      match.route().handler().handle(request, response);
    } catch (Throwable t) {
      if (response == null) {
        Log.error("dispatching " + req.uri(), t);
        channel.close();
      } else {
        response.fail(t);
      }
    } finally {
      if (response != null) {
        response.finish();
      }
      boolean broken = response == null || response.broken();
      if (!channel.eventLoop().isShuttingDown()) {
        // a request that outlives the server (events, a follow) has nothing left to hand back
        channel.eventLoop().execute(() -> done(broken));
      }
    }
  }

  /** Event loop: the answer has gone; read the next request or close. */
  private void done(boolean broken) {
    busy = false;
    boolean reuse = keepAlive && bodyComplete && !hijackRoute && !inputShut && !broken
        && channel.isActive();
    if (body != null) {
      body.close();
      body = null;
    }
    if (raw != null) {
      raw.close();
      raw = null;
    }
    if (reuse) {
      channel.config().setAutoRead(true);
    } else {
      channel.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof ChannelInputShutdownEvent) {
      inputShut = true;
      if (raw != null) {
        raw.end();
      } else if (busy && body != null && !bodyComplete) {
        body.fail("the client closed its side before the end of the request body");
      } else if (!busy) {
        ctx.close();
      }
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (body != null && !bodyComplete) {
      body.fail("the client closed the connection before the end of the request body");
    }
    if (raw != null) {
      raw.end();
    }
    synchronized (writability) {
      writability.notifyAll();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    synchronized (writability) {
      writability.notifyAll();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Log.debug("connection error: " + cause);
    ctx.close();
  }
}
