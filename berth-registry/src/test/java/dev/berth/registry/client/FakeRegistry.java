package dev.berth.registry.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server whose answers a test writes itself, for what a real registry does not
 * do on demand: cut a transfer short, ignore Range, revoke a token.
 */
final class FakeRegistry implements AutoCloseable {
  private final HttpServer server;

  FakeRegistry(HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        handler.handle(exchange);
      }
    });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  RegistryEndpoint endpoint() {
    return RegistryHosts.defaults().endpoint(host());
  }

  static void reply(HttpExchange e, int status, byte[] body) throws IOException {
    e.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      e.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
