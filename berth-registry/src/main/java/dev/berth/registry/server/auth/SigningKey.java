package dev.berth.registry.server.auth;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The token service's P-256 key, kept in the registry root so tokens outlive a restart. The file
 * holds the private key (PKCS#8) and the public key (X.509) as PEM blocks, mode 0600. It is made
 * once: written complete under a temporary name, then hard-linked into place, which fails if
 * another start won the race; that one's key is then read.
 */
final class SigningKey {
  private static final String PRIVATE = "PRIVATE KEY";
  private static final String PUBLIC = "PUBLIC KEY";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private SigningKey() {}

  /** A new key, not kept anywhere. */
  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always has P-256", e);
    }
  }

  /** The key in {@code file}, made there first if there is none. */
  static KeyPair load(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return read(file);
    } catch (IOException e) {
      throw BerthException.system("token signing key " + file + ": " + e.getMessage(), e);
    }
  }

  private static void create(Path file) throws IOException {
    KeyPair key = generate();
    String pem = pem(PRIVATE, key.getPrivate().getEncoded()) + pem(PUBLIC,
        key.getPublic().getEncoded());
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temp = file.resolveSibling("." + file.getFileName() + "-" + UUID.randomUUID());
    // created 0600: the secret is never readable by others, not even for a moment
    Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      Files.writeString(temp, pem, StandardCharsets.US_ASCII);
      try (var ch = java.nio.channels.FileChannel.open(temp,
          java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException e) {
        // another start made it first: use that one
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static KeyPair read(Path file) throws IOException {
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(mode)) {
      throw BerthException.invalid("token signing key " + file + " is readable by others (mode "
          + PosixFilePermissions.toString(mode) + "); it must be rw------- (chmod 600)");
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    try {
      KeyFactory ec = KeyFactory.getInstance("EC");
      return new KeyPair(
          ec.generatePublic(new X509EncodedKeySpec(block(text, PUBLIC, file))),
          ec.generatePrivate(new PKCS8EncodedKeySpec(block(text, PRIVATE, file))));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw BerthException.invalid("token signing key " + file + " is not a P-256 key pair: "
          + e.getMessage());
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] block(String text, String type, Path file) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw BerthException.invalid("token signing key " + file + " has no " + type + " block");
    }
    return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
  }
}
