package dev.berth.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** An {@link SSLContext} from docker's PEM files (CA, client certificate, client key). */
final class TlsContexts {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private TlsContexts() {}

  static SSLContext of(TlsOptions tls) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keyManagers(tls), trustManagers(tls), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("could not set up TLS: " + e.getMessage(), e);
    }
  }

  private static javax.net.ssl.KeyManager[] keyManagers(TlsOptions tls)
      throws GeneralSecurityException {
    if (tls.cert() == null || tls.key() == null) {
      return null;
    }
    List<Certificate> chain = certificates(tls.cert());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ks.setKeyEntry("client", privateKey(tls.key()), new char[0],
        chain.toArray(Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(
        KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    return kmf.getKeyManagers();
  }

  private static TrustManager[] trustManagers(TlsOptions tls) throws GeneralSecurityException {
    if (!tls.verify()) {
      // --tls without --tlsverify: encrypted, daemon not authenticated (docker's meaning)
      return new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] c, String a) {}

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }};
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int i = 0;
    for (Certificate c : certificates(tls.ca())) {
      ks.setCertificateEntry("ca" + i++, c);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  private static List<Certificate> certificates(Path pem) throws GeneralSecurityException {
    try (var in = Files.newInputStream(pem)) {
      var certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + pem);
      }
      return List.copyOf(certs);
    } catch (IOException e) {
      throw new IllegalArgumentException("could not read CA certificate \"" + pem + "\": "
          + e.getMessage(), e);
    }
  }

  /** PKCS#8 ("PRIVATE KEY") or PKCS#1 RSA ("RSA PRIVATE KEY") keys, as openssl writes them. */
  static PrivateKey privateKey(Path pem) throws GeneralSecurityException {
    String text;
    try {
      text = Files.readString(pem);
    } catch (IOException e) {
      throw new IllegalArgumentException("could not read key \"" + pem + "\": " + e.getMessage(),
          e);
    }
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      switch (m.group(1)) {
        case "PRIVATE KEY" -> {
          for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
              return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
              // the PEM label does not say which algorithm
            }
          }
        }
        case "RSA PRIVATE KEY" -> {
          return KeyFactory.getInstance("RSA").generatePrivate(
              new PKCS8EncodedKeySpec(rsaPkcs1ToPkcs8(der)));
        }
        default -> { }
      }
    }
    throw new IllegalArgumentException("no usable private key in \"" + pem
        + "\" (want PKCS#8 or PKCS#1 RSA PEM)");
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption). */
  private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] body = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
    System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
    return der(0x30, body);
  }

  private static byte[] der(int tag, byte[] content) {
    var out = new java.io.ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
