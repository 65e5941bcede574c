package dev.berth.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.container.Units;
import dev.berth.cli.format.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One line of {@code berth images}: an image under one of its repository:tag names. */
final class ImageRow implements Row {
  static final String DEFAULT_TABLE =
      "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
  static final String DEFAULT_TABLE_DIGESTS =
      "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
  /** docker's "raw" format: one block of "key: value" lines per image. */
  static final String RAW = "repository: {{ .Repository }}\ntag: {{.Tag}}\nimage_id: {{.ID}}\n"
      + "created_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n";
  static final String RAW_DIGESTS = "repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\n"
      + "image_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n";
  static final Map<String, String> TITLES = Map.ofEntries(
      Map.entry("ID", "IMAGE ID"), Map.entry("Repository", "REPOSITORY"), Map.entry("Tag", "TAG"),
      Map.entry("Digest", "DIGEST"), Map.entry("CreatedSince", "CREATED"),
      Map.entry("CreatedAt", "CREATED AT"), Map.entry("Size", "SIZE"),
      Map.entry("Containers", "CONTAINERS"), Map.entry("VirtualSize", "SIZE"),
      Map.entry("SharedSize", "SHARED SIZE"), Map.entry("UniqueSize", "UNIQUE SIZE"));

  private final JsonNode image;
  private final String repository;
  private final String tag;
  private final String digest;
  private final boolean trunc;
  private final Instant now;

  ImageRow(JsonNode image, String repository, String tag, String digest, boolean trunc, Instant now) {
    this.image = image;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
    this.trunc = trunc;
    this.now = now;
  }

  /**
   * The rows of one image, as docker's formatter makes them: one per repository:tag (times
   * each digest of that repository when digests are shown), digest-only repositories after,
   * and "<none>" rows for dangling images.
   */
  static List<ImageRow> of(JsonNode img, boolean showDigests, boolean needDigest, boolean trunc, Instant now) {
    List<ImageRow> rows = new ArrayList<>();
    List<String> tags = strings(img.path("RepoTags"));
    List<String> digests = strings(img.path("RepoDigests"));
    boolean dangling = (tags.isEmpty() && digests.isEmpty())
        || (tags.equals(List.of("<none>:<none>")) && digests.equals(List.of("<none>@<none>")));
    if (dangling) {
      rows.add(new ImageRow(img, "<none>", "<none>", "<none>", trunc, now));
      return rows;
    }
    Map<String, List<String>> repoTags = new TreeMap<>();
    for (String t : tags) {
      References.Parts p = References.split(t);
      if (p.tag() != null) {
        repoTags.computeIfAbsent(p.repository(), k -> new ArrayList<>()).add(p.tag());
      }
    }
    Map<String, List<String>> repoDigests = new TreeMap<>();
    for (String d : digests) {
      References.Parts p = References.split(d);
      if (p.digest() != null) {
        repoDigests.computeIfAbsent(p.repository(), k -> new ArrayList<>()).add(p.digest());
      }
    }
    repoTags.forEach((repo, ts) -> {
      List<String> ds = repoDigests.remove(repo);
      ts.sort(Comparator.naturalOrder());
      for (String t : ts) {
        if (!needDigest || ds == null || ds.isEmpty()) {
          rows.add(new ImageRow(img, repo, t, "<none>", trunc, now));
        } else {
          ds.forEach(d -> rows.add(new ImageRow(img, repo, t, d, trunc, now)));
        }
      }
    });
    repoDigests.forEach((repo, ds) -> {
      if (showDigests) {
        ds.forEach(d -> rows.add(new ImageRow(img, repo, "<none>", d, trunc, now)));
      } else {
        rows.add(new ImageRow(img, repo, "<none>", "", trunc, now));
      }
    });
    return rows;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Override
  public Object field(String name, List<Object> args) {
    Object v = value(name);
    if (v != NO_FIELD && !args.isEmpty()) {
      throw new IllegalArgumentException("wrong number of args for " + name + ": want 0 got " + args.size());
    }
    return v;
  }

  private Object value(String name) {
    long size = image.path("Size").asLong();
    long shared = image.path("SharedSize").asLong(-1);
    return switch (name) {
      case "ID" -> trunc ? References.shortId(id()) : id();
      case "Repository" -> repository;
      case "Tag" -> tag;
      case "Digest" -> digest;
      case "CreatedSince" -> Times.since(created(), now);
      case "CreatedAt" -> Times.goString(created());
      case "Size" -> Units.humanSize3(size);
      case "VirtualSize" -> Units.humanSize(size);
      case "Containers" -> image.path("Containers").asLong(-1) == -1 ? "N/A"
          : Long.toString(image.path("Containers").asLong());
      case "SharedSize" -> shared == -1 ? "N/A" : Units.humanSize(shared);
      case "UniqueSize" -> size == -1 || shared == -1 ? "N/A" : Units.humanSize(size - shared);
      default -> NO_FIELD;
    };
  }

  String id() {
    return image.path("Id").asText();
  }

  private Instant created() {
    return Instant.ofEpochSecond(image.path("Created").asLong());
  }

  @Override
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : List.of("Containers", "CreatedAt", "CreatedSince", "Digest", "ID", "Repository",
        "SharedSize", "Size", "Tag", "UniqueSize", "VirtualSize")) {
      m.put(k, value(k));
    }
    return m;
  }

  @Override
  public String typeName() {
    return "*formatter.imageContext";
  }
}
