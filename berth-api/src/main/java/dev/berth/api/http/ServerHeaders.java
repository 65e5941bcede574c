package dev.berth.api.http;

import io.netty.handler.codec.http.HttpHeaders;

/** The headers moby's version middleware puts on every response (docker-api.md §1.1). */
final class ServerHeaders {
  static final String SERVER = "Docker/" + ApiVersion.ENGINE_VERSION + " (linux)";

  private ServerHeaders() {}

  static void apply(HttpHeaders h) {
    h.set("Api-Version", ApiVersion.MAX);
    h.set("Docker-Experimental", "false");
    h.set("Ostype", "linux");
    h.set("Server", SERVER);
  }

  /** The same as raw header lines, for hijacked responses written without the encoder. */
  static String lines() {
    return "Api-Version: " + ApiVersion.MAX + "\r\nDocker-Experimental: false\r\n"
        + "Ostype: linux\r\nServer: " + SERVER + "\r\n";
  }
}
