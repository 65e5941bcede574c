package dev.berth.registry.client;

/**
 * What a pull or push reports as it goes, in the words of Docker's progress stream: {@code id}
 * is a layer's short id (12 hex digits) or a tag, {@code status} e.g. {@code Downloading}.
 * Called from several transfer threads at once.
 */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {
    @Override
    public void status(String id, String status) {}

    @Override
    public void progress(String id, String status, long current, long total) {}
  };

  /** A status line, for a layer ({@code id} not null) or the whole transfer. */
  void status(String id, String status);

  /** A progress line: {@code current} of {@code total} bytes ({@code total} -1 if unknown). */
  void progress(String id, String status, long current, long total);

  /** Docker's short layer id: the first 12 hex digits. */
  static String shortId(dev.berth.oci.image.Digest digest) {
    return digest.hex().substring(0, 12);
  }
}
