package dev.berth.registry.server.http;

import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The listening socket: HTTP/1.1 on TCP, optionally TLS. Parsing and socket writes (sendfile
 * for blobs) stay on the I/O loops; request handling, which touches the disk, runs on a separate
 * executor group so a fsync never stalls other connections' I/O.
 */
public final class RegistryServer implements AutoCloseable {
  /** Chunks of a streamed body as Netty hands them over; bigger means fewer writes. */
  private static final int MAX_CHUNK = 1 << 20;
  /**
   * Send buffer for loopback peers. With the kernel's autotuned buffer (up to 4 MiB) each of
   * many parallel pulls queues megabytes, and the reader copies them out long after they left
   * the CPU cache: on loopback, 16 parallel pulls took twice as long as with 128 KiB, which
   * keeps the data in flight small and warm (bench/registry.sh). A loopback round trip is so
   * short that the small buffer costs a single stream nothing; other peers keep autotuning,
   * which long round trips need. {@code -Dberth.registry.loopbackSendBuffer=0} turns it off.
   */
  private static final int LOOPBACK_SEND_BUFFER =
      Integer.getInteger("berth.registry.loopbackSendBuffer", 128 * 1024);
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final EventExecutorGroup handlers;
  private final Channel channel;
  /** Open connections, closed before the executors stop so none is torn down half-way. */
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  public RegistryServer(InetSocketAddress address, Dispatcher dispatcher, Path tlsCert,
      Path tlsKey) throws Exception {
    SslContext ssl = tlsCert == null ? null
        : SslContextBuilder.forServer(tlsCert.toFile(), tlsKey.toFile()).build();
    // tuning knobs for measurements: -Dberth.registry.nio=true, -Dberth.registry.ioThreads=N
    boolean epoll = Epoll.isAvailable() && !Boolean.getBoolean("berth.registry.nio");
    int cores = Runtime.getRuntime().availableProcessors();
    int io = Integer.getInteger("berth.registry.ioThreads", cores);
    boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
    workers = epoll ? new EpollEventLoopGroup(io) : new NioEventLoopGroup(io);
    handlers = new DefaultEventExecutorGroup(Math.max(16, cores * 4));
    Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class
        : NioServerSocketChannel.class;
    ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers).channel(type)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            connections.add(ch);
            if (LOOPBACK_SEND_BUFFER > 0 && ch.remoteAddress() != null
                && ch.remoteAddress().getAddress().isLoopbackAddress()) {
              ch.config().setSendBufferSize(LOOPBACK_SEND_BUFFER);
            }
            ChannelPipeline p = ch.pipeline();
            if (ssl != null) {
              p.addLast(ssl.newHandler(ch.alloc()));
            }
            p.addLast(new HttpServerCodec(8192, 32768, MAX_CHUNK));
            p.addLast(new HttpServerExpectContinueHandler());
            if (ssl != null) {
              p.addLast(new ChunkedWriteHandler());
            }
            p.addLast(handlers, new RegistryHandler(dispatcher, ssl != null));
          }
        });
    try {
      channel = bootstrap.bind(address).sync().channel();
    } catch (Exception e) {
      shutdown();
      throw new BerthException(ErrorKind.FAILED_PRECONDITION, "listening on " + address + ": "
          + e.getMessage(), e);
    }
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    connections.close().awaitUninterruptibly();
    shutdown();
  }

  private void shutdown() {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    // a closed connection's pipeline is torn down across both groups: let that settle
    workers.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    handlers.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }
}
