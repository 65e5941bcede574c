package dev.berth.api.http;

import dev.berth.error.BerthException;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;

/**
 * The PEM files of dockerd's {@code --tlsverify --tlscacert --tlscert --tlskey}: the server's
 * certificate and PKCS#8 key, and the CA that client certificates must chain to ({@code verify})
 * — without verify, clients need no certificate.
 */
public record TlsFiles(Path caCert, Path cert, Path key, boolean verify) {

  SslContext context() {
    try {
      SslContextBuilder b = SslContextBuilder.forServer(cert.toFile(), key.toFile())
          .sslProvider(SslProvider.JDK);
      if (verify) {
        b.trustManager(caCert.toFile()).clientAuth(ClientAuth.REQUIRE);
      }
      return b.build();
    } catch (Exception e) {
      throw BerthException.invalid("loading TLS files (cert " + cert + ", key " + key + ", CA "
          + caCert + "): " + e.getMessage());
    }
  }
}
