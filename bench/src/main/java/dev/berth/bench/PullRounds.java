package dev.berth.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The pull benchmark's images: one variant of an unpacked docker-archive per round ({@link
 * RoundArchives}: every layer one extra small file), so each round pulls layers no store has and
 * nothing is deleted while timing. Prints the archive paths, one a line.
 *
 * <p>Usage: PullRounds UNPACKED_ARCHIVE_DIR COUNT OUT_DIR
 */
public final class PullRounds {
  private PullRounds() {}

  public static void main(String[] args) throws Exception {
    List<Path> archives = RoundArchives.make(Path.of(args[0]), Integer.parseInt(args[1]),
        Path.of(args[2]));
    archives.forEach(System.out::println);
  }
}
