package dev.berth.registry.server.http;

import dev.berth.oci.image.Digest;
import dev.berth.registry.server.ErrorCode;
import dev.berth.registry.server.Names;
import dev.berth.registry.server.RegistryException;
import dev.berth.registry.server.storage.Upload;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Blob push: start (POST, with the monolithic {@code ?digest=} and mount {@code ?mount=&from=}
 * forms), chunks (PATCH), completion (PUT, which may carry the last chunk), status (GET) and
 * cancel (DELETE). A request that fails half-way rolls its upload back to where it began.
 */
final class UploadEndpoints {
  private final Services s;

  UploadEndpoints(Services s) {
    this.s = s;
  }

  BodySink start(Request request, String name) throws IOException {
    String mount = request.param("mount");
    String from = request.param("from");
    if (mount != null && from != null) {
      Digest digest = Names.digest(mount);
      if (isValidName(from) && s.repositories().hasBlob(from, digest) && s.blobs().touch(digest)) {
        Quota.check(s, name, digest);
        s.repositories().linkBlob(name, digest);
        return BodySink.ignoring(() -> created(name, digest));
      }
    }
    String digest = request.param("digest");
    Upload upload = s.uploads().create(name);
    if (digest != null) {
      Digest expected = Names.digest(digest);
      return new Writer(request, name, upload, expected, -1);
    }
    return BodySink.ignoring(() -> accepted(name, upload));
  }

  BodySink patch(Request request, String name, String id) throws IOException {
    Upload upload = find(name, id);
    long start = -1;
    String contentRange = request.header("Content-Range");
    if (contentRange != null) {
      start = parseStart(contentRange);
    }
    return new Writer(request, name, upload, null, start);
  }

  BodySink put(Request request, String name, String id) throws IOException {
    String digest = request.param("digest");
    if (digest == null) {
      throw new RegistryException(ErrorCode.DIGEST_INVALID, "PUT of an upload needs ?digest=");
    }
    Digest expected = Names.digest(digest);
    Upload upload = find(name, id);
    return new Writer(request, name, upload, expected, -1);
  }

  Reply status(String name, String id) throws IOException, InterruptedException {
    Upload upload = find(name, id);
    // a request writing to the upload right now decides what the range is: wait for it
    if (!upload.claim(java.time.Duration.ofSeconds(5))) {
      throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, "upload " + id + " is busy");
    }
    upload.release();
    return Reply.of(204).header("Location", location(name, upload))
        .header("Range", range(upload)).header("Docker-Upload-UUID", upload.id());
  }

  Reply cancel(String name, String id) throws IOException {
    Upload upload = find(name, id);
    if (!upload.claim()) {
      throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, "upload " + id + " is busy");
    }
    try {
      s.uploads().cancel(upload);
    } finally {
      upload.release();
    }
    return Reply.of(204);
  }

  /** Streams one request's body into the upload; completes it when {@code expected} is set. */
  private final class Writer implements BodySink {
    private final String name;
    private final Upload upload;
    private final Digest expected;
    private final Upload.Mark mark;
    private final long limit = s.config().maxBodyBytes();
    private long received;
    private boolean done;

    Writer(Request request, String name, Upload upload, Digest expected, long start) {
      this.name = name;
      this.upload = upload;
      this.expected = expected;
      if (!upload.claim()) {
        throw new RegistryException(ErrorCode.RANGE_INVALID, "upload " + upload.id()
            + " is busy with another request");
      }
      if (start >= 0 && start != upload.size()) {
        upload.release();
        throw new RegistryException(ErrorCode.RANGE_INVALID, "chunk starts at " + start
            + " but the upload has " + upload.size() + " bytes");
      }
      String length = request.header("Content-Length");
      if (limit > 0 && length != null && Long.parseLong(length) > limit) {
        upload.release();
        throw new RegistryException(ErrorCode.SIZE_INVALID, 413, "request body of " + length
            + " bytes is over the limit of " + limit);
      }
      this.mark = upload.mark();
    }

    @Override
    public void accept(ByteBuf chunk) throws IOException {
      received += chunk.readableBytes();
      if (limit > 0 && received > limit) {
        throw new RegistryException(ErrorCode.SIZE_INVALID, 413, "request body is over the limit"
            + " of " + limit + " bytes");
      }
      for (ByteBuffer buffer : chunk.nioBuffers()) {
        upload.append(buffer);
      }
    }

    @Override
    public Reply finish() throws IOException {
      done = true;
      try {
        if (expected == null) {
          return accepted(name, upload);
        }
        if (!s.uploads().complete(upload, expected)) {
          throw new RegistryException(ErrorCode.DIGEST_INVALID, "uploaded content does not match"
              + " digest " + expected);
        }
        Quota.check(s, name, expected);
        s.repositories().linkBlob(name, expected);
        return created(name, expected);
      } finally {
        upload.release();
      }
    }

    @Override
    public void abort() {
      if (done) {
        return;
      }
      done = true;
      try {
        upload.rollback(mark);
      } catch (IOException ignored) {
        // the session is closed or gone: nothing of it is visible anyway
      } finally {
        upload.release();
      }
    }
  }

  private Upload find(String name, String id) throws IOException {
    return s.uploads().find(name, id).orElseThrow(() -> new RegistryException(
        ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + id + " unknown to " + name));
  }

  private static long parseStart(String contentRange) {
    String value = contentRange.trim();
    if (value.startsWith("bytes ")) {
      value = value.substring(6);
    } else if (value.startsWith("bytes=")) {
      value = value.substring(6);
    }
    int dash = value.indexOf('-');
    try {
      long start = Long.parseLong(value.substring(0, dash < 0 ? value.length() : dash));
      if (start < 0) {
        throw new NumberFormatException();
      }
      return start;
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new RegistryException(ErrorCode.RANGE_INVALID, "invalid Content-Range \""
          + contentRange + "\"");
    }
  }

  private static boolean isValidName(String name) {
    try {
      Names.repository(name);
      return true;
    } catch (RegistryException e) {
      return false;
    }
  }

  private static Reply accepted(String name, Upload upload) {
    return Reply.of(202).header("Location", location(name, upload))
        .header("Range", range(upload)).header("Docker-Upload-UUID", upload.id());
  }

  private static Reply created(String name, Digest digest) {
    return Reply.of(201).header("Location", "/v2/" + name + "/blobs/" + digest)
        .header("Docker-Content-Digest", digest.toString());
  }

  private static String location(String name, Upload upload) {
    return "/v2/" + name + "/blobs/uploads/" + upload.id();
  }

  private static String range(Upload upload) {
    return "0-" + Math.max(0, upload.size() - 1);
  }
}
