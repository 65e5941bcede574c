package dev.berth.registry.client;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for one registry as Docker sets it up from {@code certs.d/<host:port>/}: every {@code
 * *.crt} is an extra CA beside the system trust store, and each {@code <name>.cert} with its
 * {@code <name>.key} (PKCS#8 PEM) is a client certificate.
 */
final class TlsContexts {
  private TlsContexts() {}

  /** The context for {@code dir}; the JDK default when the directory does not exist. */
  static SSLContext forDirectory(Path dir) {
    try {
      if (dir == null || !Files.isDirectory(dir)) {
        return SSLContext.getDefault();
      }
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.sorted().toList();
      }
      KeyStore trust = systemTrust();
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      int n = 0;
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(".crt")) {
          for (Certificate c : certificates(x509, f)) {
            trust.setCertificateEntry("berth-ca-" + n++, c);
          }
        } else if (name.endsWith(".cert")) {
          Path key = dir.resolve(name.substring(0, name.length() - 5) + ".key");
          if (!Files.exists(key)) {
            throw BerthException.invalid("client certificate " + f + " has no key " + key);
          }
          keys.setKeyEntry(name, privateKey(key), new char[0],
              certificates(x509, f).toArray(Certificate[]::new));
        }
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw BerthException.invalid("TLS settings in " + dir + ": " + e.getMessage());
    }
  }

  private static KeyStore systemTrust() throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    if (Files.exists(cacerts)) {
      try (InputStream in = Files.newInputStream(cacerts)) {
        ks.load(in, null);
      }
    } else {
      ks.load(null, null);
    }
    return ks;
  }

  private static List<Certificate> certificates(CertificateFactory x509, Path f)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(f)) {
      return new ArrayList<>(x509.generateCertificates(in));
    }
  }

  private static PrivateKey privateKey(Path f) throws IOException, GeneralSecurityException {
    String pem = Files.readString(f);
    if (!pem.contains("BEGIN PRIVATE KEY")) {
      throw BerthException.invalid("client key " + f
          + ": only PKCS#8 PEM (BEGIN PRIVATE KEY) is supported");
    }
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw BerthException.invalid("client key " + f + ": not an RSA, EC or Ed25519 key");
  }
}
