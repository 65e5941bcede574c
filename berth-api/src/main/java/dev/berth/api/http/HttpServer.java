package dev.berth.api.http;

import dev.berth.error.BerthException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The API's HTTP/1.1 server on unix sockets and TCP (with TLS when given), on epoll. Event loops
 * only move bytes; handlers run on virtual threads.
 */
public final class HttpServer implements AutoCloseable {
  private final EventLoopGroup boss = new EpollEventLoopGroup(1);
  private final EventLoopGroup workers = new EpollEventLoopGroup();
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Channel> listeners = new ArrayList<>();
  private final List<Path> sockets = new ArrayList<>();
  private final List<String> bound = new ArrayList<>();

  private HttpServer() {}

  /**
   * Listens on every address; TCP addresses use {@code tls} when it is not null. A failure to
   * bind any of them closes what was opened and throws.
   */
  public static HttpServer start(Router router, List<ListenAddress> addresses, TlsFiles tls) {
    HttpServer server = new HttpServer();
    try {
      SslContext ssl = tls == null ? null : tls.context();
      for (ListenAddress a : addresses) {
        server.listen(router, a, ssl);
      }
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The addresses listened on, as {@code unix:///…} or {@code tcp://host:port}. */
  public List<String> addresses() {
    return List.copyOf(bound);
  }

  private void listen(Router router, ListenAddress address, SslContext ssl) {
    ServerBootstrap b = new ServerBootstrap().group(boss, workers)
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (ssl != null && address instanceof ListenAddress.Tcp) {
              ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
            }
            ch.pipeline().addLast(HttpConnection.DECODER, new HttpRequestDecoder(
                new HttpDecoderConfig().setMaxHeaderSize(64 << 10).setMaxChunkSize(64 << 10)));
            ch.pipeline().addLast(HttpConnection.ENCODER, new HttpResponseEncoder());
            ch.pipeline().addLast("berth", new HttpConnection(router, handlers));
          }
        });
    try {
      switch (address) {
        case ListenAddress.Unix u -> {
          Files.createDirectories(u.path().toAbsolutePath().getParent());
          Files.deleteIfExists(u.path()); // a stale socket of an earlier run
          b.channel(EpollServerDomainSocketChannel.class);
          listeners.add(b.bind(new DomainSocketAddress(u.path().toFile())).sync().channel());
          sockets.add(u.path());
          Files.setPosixFilePermissions(u.path(), PosixFilePermissions.fromString("rw-rw----"));
          bound.add(u.toString());
        }
        case ListenAddress.Tcp t -> {
          b.channel(EpollServerSocketChannel.class);
          Channel ch = b.bind(new InetSocketAddress(t.host(), t.port())).sync().channel();
          listeners.add(ch);
          int port = ((InetSocketAddress) ch.localAddress()).getPort();
          bound.add("tcp://" + t.host() + ":" + port);
        }
      }
    } catch (IOException e) {
      throw BerthException.system("listening on " + address + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BerthException.system("interrupted listening on " + address, e);
    } catch (Exception e) { // Netty rethrows bind errors unchecked-but-checked
      throw BerthException.system("listening on " + address + ": " + e.getMessage(), e);
    }
  }

  /** Stops listening, lets running handlers end for a moment, and removes the socket files. */
  @Override
  public void close() {
    for (Channel c : listeners) {
      c.close().awaitUninterruptibly();
    }
    for (Path p : sockets) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        Log.warn("removing socket " + p + ": " + e.getMessage());
      }
    }
    handlers.shutdown();
    try {
      handlers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    handlers.shutdownNow();
  }
}
