package dev.berth.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
  @Test
  void loadsLibcryptoOnThisHost() {
    // Debian always has libcrypto.so.3 (openssl, curl, ssh depend on it): the fallback here
    // would mean the binding broke, and pulls would quietly hash at C1 speed again
    assertThat(Sha256.isNative()).isTrue();
    assertThat(Sha256.newDigest()).isInstanceOf(Sha256.class);
  }

  @Test
  void knownAnswers() {
    assertThat(hex(Sha256.newDigest().digest(new byte[0])))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(hex(Sha256.newDigest().digest("abc".getBytes())))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void matchesTheJdkForAnySplitOfTheInput() throws Exception {
    Random random = new Random(42);
    byte[] data = new byte[300_000];
    random.nextBytes(data);
    MessageDigest jdk = MessageDigest.getInstance("SHA-256");
    MessageDigest ours = Sha256.newDigest();
    for (int round = 0; round < 50; round++) {
      int from = random.nextInt(1000);
      int to = from + random.nextInt(data.length - from);
      for (int pos = from; pos < to; ) {
        int n = Math.min(to - pos, random.nextInt(70_000) + 1);
        if (n == 1) {
          ours.update(data[pos]);
        } else {
          ours.update(data, pos, n); // slices at odd offsets: the array is read in place
        }
        jdk.update(data, pos, n);
        pos += n;
      }
      assertThat(hex(ours.digest())).as("bytes %d..%d", from, to).isEqualTo(hex(jdk.digest()));
    }
  }

  @Test
  void resetForgetsWhatWasHashed() {
    MessageDigest d = Sha256.newDigest();
    d.update(new byte[] {1, 2, 3});
    d.reset();
    assertThat(hex(d.digest("abc".getBytes())))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
