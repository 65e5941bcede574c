package dev.berth.registry.server.http;

import dev.berth.registry.server.ErrorCode;
import dev.berth.registry.server.RegistryException;
import dev.berth.registry.server.storage.Manifests;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** GET, HEAD, PUT and DELETE of a manifest by tag or digest. */
final class ManifestEndpoints {
  private final Services s;

  ManifestEndpoints(Services s) {
    this.s = s;
  }

  Reply get(Request request, String name, String reference) throws IOException {
    Manifests.Manifest m = s.manifests().get(name, reference).orElseThrow(() ->
        new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest " + reference
            + " unknown to " + name));
    return Reply.json(200, m.content(), m.mediaType())
        .header("Docker-Content-Digest", m.digest().toString())
        .header("ETag", "\"" + m.digest() + "\"");
  }

  BodySink put(Request request, String name, String reference) {
    long limit = s.config().maxManifestBytes();
    String length = request.header("Content-Length");
    if (limit > 0 && length != null && Long.parseLong(length) > limit) {
      throw tooBig(limit);
    }
    return new BodySink() {
      private final ByteArrayOutputStream body = new ByteArrayOutputStream();

      @Override
      public void accept(ByteBuf chunk) throws IOException {
        if (limit > 0 && body.size() + chunk.readableBytes() > limit) {
          throw tooBig(limit);
        }
        chunk.readBytes(body, chunk.readableBytes());
      }

      @Override
      public Reply finish() throws IOException {
        Manifests.Pushed pushed = s.manifests().put(name, reference,
            request.header("Content-Type"), body.toByteArray());
        Reply reply = Reply.of(201)
            .header("Location", "/v2/" + name + "/manifests/" + pushed.digest())
            .header("Docker-Content-Digest", pushed.digest().toString());
        pushed.subject().ifPresent(subject -> reply.header("OCI-Subject", subject.toString()));
        return reply;
      }
    };
  }

  Reply delete(String name, String reference) throws IOException {
    if (!s.manifests().delete(name, reference)) {
      throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest " + reference
          + " unknown to " + name);
    }
    return Reply.of(202);
  }

  private static RegistryException tooBig(long limit) {
    return new RegistryException(ErrorCode.SIZE_INVALID, 413, "manifest is over the limit of "
        + limit + " bytes");
  }
}
