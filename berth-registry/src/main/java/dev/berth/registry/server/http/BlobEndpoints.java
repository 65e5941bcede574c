package dev.berth.registry.server.http;

import dev.berth.oci.image.Digest;
import dev.berth.registry.server.ErrorCode;
import dev.berth.registry.server.Names;
import dev.berth.registry.server.RegistryException;
import java.io.IOException;

/** GET and HEAD of a blob (with Range), and DELETE (unlinks it from the repository). */
final class BlobEndpoints {
  private final Services s;

  BlobEndpoints(Services s) {
    this.s = s;
  }

  Reply get(Request request, String name, String reference) throws IOException {
    Digest digest = Names.digest(reference);
    long size = visible(name, digest) ? s.blobs().size(digest) : -1;
    if (size < 0) {
      throw new RegistryException(ErrorCode.BLOB_UNKNOWN, "blob " + digest + " unknown to " + name);
    }
    ByteRange range = ByteRange.parse(request.header("Range"), size);
    Reply reply = range == null
        ? Reply.file(200, s.blobs().path(digest), 0, size)
        : Reply.file(206, s.blobs().path(digest), range.start(), range.length())
            .header("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
    return reply.header("Content-Type", "application/octet-stream")
        .header("Docker-Content-Digest", digest.toString())
        .header("Accept-Ranges", "bytes")
        .header("ETag", "\"" + digest + "\"");
  }

  Reply delete(String name, String reference) throws IOException {
    Digest digest = Names.digest(reference);
    if (!s.repositories().unlinkBlob(name, digest)) {
      throw new RegistryException(ErrorCode.BLOB_UNKNOWN, "blob " + digest + " unknown to " + name);
    }
    return Reply.of(202).header("Docker-Content-Digest", digest.toString());
  }

  /** A repository sees the blobs it links and its manifests (clients fetch those as blobs too). */
  private boolean visible(String name, Digest digest) throws IOException {
    return s.repositories().hasBlob(name, digest)
        || s.repositories().manifestType(name, digest).isPresent();
  }
}
