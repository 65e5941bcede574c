package dev.berth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.image.ImageService;
import dev.berth.image.LoadedImage;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Loading a docker-archive, side by side and interleaved: Berth's {@link ImageService#load}
 * (a fresh root each round), {@code docker load} on the anchor dockerd (image removed and pruned
 * between rounds, so each load is cold), and the floor: plain {@code tar -xf} / {@code tar -xzf}
 * of each layer into empty directories. {@code sync} before each timed step (dropping the page
 * cache cannot be demanded here; the archive is equally warm for all). Then the dedupe report:
 * the three variant archives (same layers, one small different top layer each) into one Berth
 * root, {@code du -sb} of the root against the sum of the archive sizes.
 *
 * <p>Usage: ImageLoad ARCHIVE ROUNDS WORK_DIR — variants are ARCHIVE minus .tar plus -v1..-v3.tar;
 * the anchor is DOCKER_HOST (default unix:///run/berth-anchor/docker.sock).
 */
public final class ImageLoad {
  private static final String DOCKER_HOST =
      System.getenv().getOrDefault("DOCKER_HOST", "unix:///run/berth-anchor/docker.sock");
  private static final String DOCKER =
      Files.isExecutable(Path.of("/usr/local/bin/docker")) ? "/usr/local/bin/docker" : "docker";

  public static void main(String[] args) throws Exception {
    Path archive = Path.of(args[0]).toAbsolutePath();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path work = Files.createTempDirectory(Path.of(args.length > 2 ? args[2] : "/var/tmp"), "imageload");
    try {
      Layers layers = prepareLayers(archive, work.resolve("layers"));
      List<String> tags = repoTags(work.resolve("layers/archive"));
      System.out.printf("archive %s: %.1f MB, %d layers (%s MB uncompressed, %.1f MB gzipped)%n",
          archive.getFileName(), Files.size(archive) / 1e6, layers.plain.size(),
          layers.plainSizes(), layers.gzBytes() / 1e6);
      for (String t : tags) exec(List.of(DOCKER, "rmi", "-f", t), true);
      // Nothing is deleted while timing: ext4 scans recently deleted inodes on every create
      // (recently_deleted() in find_inode_bit), so a step after a big rm pays for it. Each round
      // therefore loads an archive of its own (every layer carries one extra file, so no layer is
      // shared with another round and docker's loads stay cold), and all outputs are kept until
      // the end.
      List<Path> archives = RoundArchives.make(work.resolve("layers/archive"), rounds + 1,
          work.resolve("rounds"));
      // one untimed round of each: JIT, the daemon's and the kernel's caches
      berthLoad(archives.get(0), work, tags, true);
      dockerLoad(archives.get(0));
      tarFloor(layers.plain, work, false);
      tarFloor(layers.gz, work, true);
      List<Double> berth = new ArrayList<>();
      List<Double> docker = new ArrayList<>();
      List<Double> tar = new ArrayList<>();
      List<Double> tarGz = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        Path a = archives.get(i + 1);
        for (int k = 0; k < 4; k++) {
          switch ((i + k) % 4) {
            case 0 -> berth.add(berthLoad(a, work, tags, false));
            case 1 -> docker.add(dockerLoad(a));
            case 2 -> tar.add(tarFloor(layers.plain, work, false));
            default -> tarGz.add(tarFloor(layers.gz, work, true));
          }
        }
      }
      for (String t : tags) exec(List.of(DOCKER, "rmi", "-f", t), true);
      exec(List.of(DOCKER, "image", "prune", "-af"), true);
      double mb = Files.size(archive) / 1e6;
      System.out.printf("load of the docker-archive, %d interleaved rounds (order rotating), medians:%n", rounds);
      row("berth ImageService.load", berth, mb);
      row("docker load (dockerd 20.10)", docker, mb);
      row("tar -xf of each layer (floor)", tar, mb);
      row("tar -xzf of each gzipped layer", tarGz, mb);
      System.out.printf("  ratios: berth/docker %.2f, berth/tar-floor %.2f, berth/tar-gz-floor %.2f%n",
          Samples.median(berth) / Samples.median(docker), Samples.median(berth) / Samples.median(tar), Samples.median(berth) / Samples.median(tarGz));
      dedupe(archive, work);
    } finally {
      exec(List.of("rm", "-rf", "--one-file-system", work.toString()), true);
    }
  }

  /** One load into a fresh root (kept until the run ends); the time of {@code load} alone, in ms. */
  private static double berthLoad(Path archive, Path work, List<String> tags, boolean check) throws Exception {
    Path root = Files.createTempDirectory(work, "berth-root");
    List<LoadedImage> loaded;
    double ms;
    try (ImageService svc = ImageService.open(root)) {
      sync();
      long t0 = System.nanoTime();
      try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 20)) {
        loaded = svc.load(in);
      }
      ms = (System.nanoTime() - t0) / 1e6;
    }
    if (check) {
      System.out.printf("berth loaded %s; root holds %.1f MB%n", loaded, duBytes(root) / 1e6);
      List<String> got = loaded.stream().flatMap(l -> l.tags().stream()).toList();
      for (String t : tags) {
        if (got.stream().noneMatch(g -> g.equals(t) || g.endsWith("/" + t))) {
          throw new IllegalStateException("berth load: tag " + t + " missing from " + loaded);
        }
      }
    }
    return ms;
  }

  /** Each round's archive has layers of its own, so the load is cold; removed at the end. */
  private static double dockerLoad(Path archive) throws Exception {
    sync();
    long t0 = System.nanoTime();
    exec(List.of(DOCKER, "load", "-q", "-i", archive.toString()), false);
    return (System.nanoTime() - t0) / 1e6;
  }

  /** Every layer into its own empty directory (kept until the run ends), one after the other. */
  private static double tarFloor(List<Path> layerFiles, Path work, boolean gz) throws Exception {
    Path out = Files.createTempDirectory(work, "tar");
    List<Path> dirs = new ArrayList<>();
    for (int i = 0; i < layerFiles.size(); i++) dirs.add(Files.createDirectory(out.resolve("l" + i)));
    sync();
    long t0 = System.nanoTime();
    for (int i = 0; i < layerFiles.size(); i++) {
      exec(List.of("tar", gz ? "-xzf" : "-xf", layerFiles.get(i).toString(), "-C", dirs.get(i).toString()), false);
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  /** K images sharing their lower layers into one root: what the store keeps vs the archives. */
  private static void dedupe(Path archive, Path work) throws Exception {
    String base = archive.toString().replaceFirst("\\.tar$", "");
    List<Path> variants = new ArrayList<>();
    for (int v = 1; v <= 3; v++) {
      Path p = Path.of(base + "-v" + v + ".tar");
      if (Files.exists(p)) variants.add(p);
    }
    if (variants.isEmpty()) {
      System.out.println("dedupe: no variant archives next to " + archive + "; skipped");
      return;
    }
    Path root = Files.createTempDirectory(work, "berth-dedupe");
    try {
      long sum = 0;
      List<String> afterEach = new ArrayList<>();
      ImageService svc = ImageService.open(root);
      try {
        for (Path p : variants) {
          try (InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 20)) {
            svc.load(in);
          }
          sum += Files.size(p);
          afterEach.add(String.format("%.1f", duBytes(root) / 1e6));
        }
      } finally {
        svc.close();
      }
      long du = duBytes(root);
      System.out.printf("dedupe: %d images sharing their lower layers into one berth root: du -sb %.1f MB"
              + " (after each load: %s MB) vs %.1f MB of archives (ratio %.2f)%n",
          variants.size(), du / 1e6, String.join(", ", afterEach), sum / 1e6, (double) du / sum);
    } finally {
      removeTree(root);
    }
  }

  record Layers(List<Path> plain, List<Path> gz) {
    String plainSizes() throws Exception {
      List<String> s = new ArrayList<>();
      for (Path p : plain) s.add(String.format("%.1f", Files.size(p) / 1e6));
      return String.join(" + ", s);
    }

    long gzBytes() throws Exception {
      long n = 0;
      for (Path p : gz) n += Files.size(p);
      return n;
    }
  }

  /** Unpacks the archive once (untimed), and gzips each layer once for the -xzf floor. */
  private static Layers prepareLayers(Path archive, Path dir) throws Exception {
    Path unpacked = Files.createDirectories(dir.resolve("archive"));
    exec(List.of("tar", "-xf", archive.toString(), "-C", unpacked.toString()), false);
    JsonNode manifest = new ObjectMapper().readTree(unpacked.resolve("manifest.json").toFile());
    List<Path> plain = new ArrayList<>();
    List<Path> gz = new ArrayList<>();
    int i = 0;
    for (JsonNode layer : manifest.get(0).get("Layers")) {
      Path p = unpacked.resolve(layer.asText());
      Path z = dir.resolve("layer" + i++ + ".tar.gz");
      java.lang.Process gzip = new ProcessBuilder("gzip", "-c", p.toString())
          .redirectOutput(z.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      if (gzip.waitFor() != 0) throw new IllegalStateException("gzip " + p + " failed");
      plain.add(p);
      gz.add(z);
    }
    return new Layers(plain, gz);
  }

  private static List<String> repoTags(Path unpacked) throws Exception {
    List<String> tags = new ArrayList<>();
    for (JsonNode m : new ObjectMapper().readTree(unpacked.resolve("manifest.json").toFile())) {
      for (JsonNode t : m.path("RepoTags")) tags.add(t.asText());
    }
    if (tags.isEmpty()) throw new IllegalStateException("archive has no RepoTags");
    return tags;
  }

  private static long duBytes(Path p) throws Exception {
    return Long.parseLong(exec(List.of("du", "-sb", p.toString()), false).split("\\s+")[0]);
  }

  private static void sync() throws Exception {
    exec(List.of("sync"), false);
  }

  /** rm -rf that never crosses into a mount (a snapshot left mounted would otherwise be emptied). */
  private static void removeTree(Path p) throws Exception {
    exec(List.of("rm", "-rf", "--one-file-system", p.toString()), false);
  }

  private static void row(String name, List<Double> xs, double mb) {
    List<Double> s = Samples.sorted(xs);
    System.out.printf("  %-32s median %8.1f ms  min %8.1f  max %8.1f  (%.0f MB/s of archive)%n",
        name, Samples.median(xs), s.get(0), s.get(s.size() - 1), mb / (Samples.median(xs) / 1000));
  }

  /** Runs a command with the anchor's DOCKER_HOST; returns its output, throws unless it exits 0. */
  private static String exec(List<String> cmd, boolean mayFail) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DOCKER_HOST", DOCKER_HOST);
    java.lang.Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    if (code != 0 && !mayFail) throw new IllegalStateException(String.join(" ", cmd) + " exited " + code + ": " + out.strip());
    return out;
  }
}
