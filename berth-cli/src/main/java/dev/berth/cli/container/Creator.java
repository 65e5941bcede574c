package dev.berth.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.Cli;
import dev.berth.cli.CliException;
import dev.berth.client.ApiException;
import dev.berth.client.ApiRequest;
import dev.berth.client.ApiResponse;
import dev.berth.client.DockerClient;
import dev.berth.client.Query;
import dev.berth.oci.reference.ImageReference;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * {@code POST /containers/create} as docker's run and create do it: pull a missing image and
 * try again, print the daemon's warnings, write --cidfile.
 */
final class Creator {
  private Creator() {}

  static String create(DockerClient client, CreateFlags f, ObjectNode body, PrintStream err) {
    String image = body.path("Image").asText();
    Path cidfile = f.cidfile == null ? null : Path.of(f.cidfile);
    if (cidfile != null && Files.exists(cidfile)) {
      throw new CliException(CliException.DAEMON, "berth: container ID file found, make sure"
          + " the other container isn't running or delete " + f.cidfile);
    }
    Query q = Query.NONE.withIfSet("name", f.name).withIfSet("platform", f.platform);
    if ("always".equals(f.pull)) {
      pull(client, image, f.platform, f.quiet, err);
    }
    JsonNode created;
    try {
      created = client.post("/containers/create", q, body);
    } catch (ApiException e) {
      if (!e.notFound() || "never".equals(f.pull)) {
        throw e;
      }
      err.println("Unable to find image '" + familiarTagged(image) + "' locally");
      pull(client, image, f.platform, f.quiet, err);
      created = client.post("/containers/create", q, body);
    }
    for (JsonNode w : created.path("Warnings")) {
      err.println("WARNING: " + w.asText());
    }
    String id = created.path("Id").asText();
    if (cidfile != null) {
      try {
        Files.writeString(cidfile, id);
      } catch (IOException e) {
        throw new CliException(CliException.DAEMON, "berth: failed to write the container ID"
            + " to the file: " + e.getMessage());
      }
    }
    return id;
  }

  /** "busybox" → "busybox:latest", as docker prints it in "Unable to find image". */
  static String familiarTagged(String image) {
    try {
      ImageReference r = ImageReference.parse(image);
      return r.digest().isPresent() || r.tag().isPresent() ? r.familiar()
          : r.withTag(ImageReference.DEFAULT_TAG).familiar();
    } catch (RuntimeException e) {
      return image;
    }
  }

  /** POST /images/create with the normalized name; progress lines to {@code err}. */
  static void pull(DockerClient client, String image, String platform, boolean quiet,
      PrintStream err) {
    ImageReference r;
    try {
      r = ImageReference.parse(image);
    } catch (RuntimeException e) {
      throw new CliException(CliException.DAEMON, "berth: invalid reference format: "
          + image);
    }
    String tag = r.digest().orElse(r.tagOrLatest());
    Query q = Query.of("fromImage", r.name(), "tag", tag).withIfSet("platform", platform);
    try (ApiResponse resp = client.send(ApiRequest.post("/images/create").query(q)
        .header("X-Registry-Auth", "e30="))) {
      for (Iterator<JsonNode> it = resp.jsonStream(); it.hasNext(); ) {
        JsonNode m = it.next();
        if (m.has("errorDetail") || m.has("error")) {
          String msg = m.path("errorDetail").path("message").asText(m.path("error").asText());
          throw new ApiException(500, msg);
        }
        if (quiet || !m.has("status")) {
          continue;
        }
        String id = m.path("id").asText("");
        err.println(id.isEmpty() ? m.path("status").asText()
            : id + ": " + m.path("status").asText());
      }
    }
    if (!quiet) {
      err.flush();
    }
  }

  static PrintStream err() {
    return Cli.err();
  }
}
