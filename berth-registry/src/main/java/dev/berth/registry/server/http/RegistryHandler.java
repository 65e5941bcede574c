package dev.berth.registry.server.http;

import dev.berth.registry.server.ErrorCode;
import dev.berth.registry.server.RegistryException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection's requests, one at a time. The channel does not read on its own: the next read
 * is asked for only when this handler (on its own executor, off the I/O loop) has written the
 * last chunk to disk, so a slow disk slows the client instead of filling memory.
 */
final class RegistryHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = Logger.getLogger(RegistryHandler.class.getName());
  private static final String API_VERSION = "registry/2.0";
  /** Chunks of a blob sent over TLS, where sendfile cannot work. */
  private static final int SEND_CHUNK = 128 * 1024;
  private final Dispatcher dispatcher;
  private final boolean tls;
  private BodySink sink;
  private boolean head;
  private boolean keepAlive;
  /** An HTTP/1.0 client keeps the connection only when the reply says so. */
  private boolean http10;
  private boolean answered;

  RegistryHandler(Dispatcher dispatcher, boolean tls) {
    this.dispatcher = dispatcher;
    this.tls = tls;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.read();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest request) {
        begin(ctx, request);
      }
      if (msg instanceof HttpContent content) {
        if (content.decoderResult().isFailure()) {
          // a broken chunked body: what arrived must not be taken for the whole of it
          abort();
          keepAlive = false;
          answer(ctx, Errors.reply(ErrorCode.UNKNOWN, 400, "malformed request body: "
              + content.decoderResult().cause().getMessage()));
          return;
        }
        if (sink != null && content.content().isReadable()) {
          try {
            sink.accept(content.content());
          } catch (Exception e) {
            abort();
            // the rest of the body may be huge: answer and hang up instead of reading it
            keepAlive = false;
            answer(ctx, failure(e));
          }
        }
        if (msg instanceof LastHttpContent) {
          end(ctx);
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void begin(ChannelHandlerContext ctx, HttpRequest request) {
    answered = false;
    sink = null;
    head = request.method().name().equals("HEAD");
    keepAlive = HttpUtil.isKeepAlive(request);
    http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
    if (request.decoderResult().isFailure()) {
      keepAlive = false;
      answer(ctx, Errors.reply(ErrorCode.UNKNOWN, 400, "malformed request: "
          + request.decoderResult().cause().getMessage()));
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String host = request.headers().get("Host", "localhost");
    Request r = new Request(request.method().name(), uri.path(), uri.parameters(),
        request.headers(), (tls ? "https://" : "http://") + host);
    try {
      sink = dispatcher.open(r);
    } catch (Exception e) {
      answer(ctx, failure(e));
    }
  }

  private void end(ChannelHandlerContext ctx) {
    if (sink == null) {
      return;
    }
    BodySink done = sink;
    sink = null;
    Reply reply;
    try {
      reply = done.finish();
    } catch (Exception e) {
      done.abort();
      reply = failure(e);
    }
    answer(ctx, reply);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    abort();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    abort();
    LOG.log(Level.FINE, "connection failed", cause);
    ctx.close();
  }

  private void abort() {
    if (sink != null) {
      sink.abort();
      sink = null;
    }
  }

  private static Reply failure(Exception e) {
    if (e instanceof RegistryException re) {
      return Errors.reply(re);
    }
    if (e instanceof NoSuchFileException) {
      return Errors.reply(ErrorCode.BLOB_UNKNOWN, 404, "content vanished: " + e.getMessage());
    }
    LOG.log(Level.WARNING, "request failed", e);
    return Errors.reply(ErrorCode.UNKNOWN, 500, "internal error: " + e);
  }

  private void answer(ChannelHandlerContext ctx, Reply reply) {
    if (answered) {
      return;
    }
    answered = true;
    FileChannel file = null;
    if (reply.file() != null && !head) {
      try {
        file = FileChannel.open(reply.file(), StandardOpenOption.READ);
      } catch (Exception e) {
        reply = failure(e);
      }
    }
    HttpResponseStatus status = HttpResponseStatus.valueOf(reply.status());
    ChannelFuture last;
    if (reply.file() == null) {
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
          head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
      headers(response, reply, reply.body().length);
      last = ctx.writeAndFlush(response);
    } else {
      HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
      headers(response, reply, reply.length());
      ctx.write(response);
      if (file == null) {
        last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      } else if (tls) {
        try {
          last = ctx.writeAndFlush(new HttpChunkedInput(new ChunkedNioFile(file, reply.offset(),
              reply.length(), SEND_CHUNK)));
        } catch (java.io.IOException e) {
          ctx.close();
          return;
        }
      } else {
        ctx.write(new DefaultFileRegion(file, reply.offset(), reply.length()));
        last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      }
    }
    if (!keepAlive) {
      last.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void headers(HttpResponse response, Reply reply, long length) {
    response.headers().set(reply.headers());
    response.headers().set("Docker-Distribution-API-Version", API_VERSION);
    if (reply.status() != 204) {
      response.headers().set("Content-Length", length);
    }
    if (!keepAlive) {
      response.headers().set("Connection", "close");
    } else if (http10) {
      response.headers().set("Connection", "keep-alive");
    }
  }
}
