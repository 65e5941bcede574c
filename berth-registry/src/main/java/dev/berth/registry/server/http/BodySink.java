package dev.berth.registry.server.http;

import io.netty.buffer.ByteBuf;

/**
 * Where a request's body goes while it streams in, and the reply once it has all arrived. A
 * failure at any point (an error thrown here, or the connection dropping) calls {@link #abort},
 * which must leave storage as it was before the request.
 */
public interface BodySink {
  /** A piece of the body; the caller releases the buffer. */
  void accept(ByteBuf chunk) throws Exception;

  Reply finish() throws Exception;

  default void abort() {}

  /** A request whose body (if any) is ignored: the reply is computed when it has arrived. */
  static BodySink ignoring(ReplySupplier reply) {
    return new BodySink() {
      @Override
      public void accept(ByteBuf chunk) {}

      @Override
      public Reply finish() throws Exception {
        return reply.get();
      }
    };
  }

  /** A reply that may fail with an I/O error. */
  @FunctionalInterface
  interface ReplySupplier {
    Reply get() throws Exception;
  }
}
