package dev.berth.registry.server;

import dev.berth.registry.server.gc.GcReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gc}: one collection over a registry root. Safe beside a running server: only blobs
 * unused for longer than the grace period go.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
    description = "Delete blobs no manifest references (after a grace period).")
public final class GcCommand implements Callable<Integer> {
  @Option(names = "--root", defaultValue = "/var/lib/berth/registry",
      description = "Storage directory (default: ${DEFAULT-VALUE}).")
  Path root;

  @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
  boolean dryRun;

  @Option(names = "--grace", defaultValue = "1h",
      description = "Keep unreferenced blobs younger than this (default: ${DEFAULT-VALUE}).")
  String grace;

  @Option(names = "--upload-timeout", defaultValue = "24h",
      description = "Purge uploads untouched this long (default: ${DEFAULT-VALUE}).")
  String uploadTimeout;

  @Override
  public Integer call() throws Exception {
    RegistryConfig config = RegistryConfig.defaults(root.toAbsolutePath())
        .withGc(null, Sizes.duration(grace), Sizes.duration(uploadTimeout));
    GcReport report = Registry.collector(config).run(dryRun);
    String verb = dryRun ? "would delete " : "deleted ";
    report.deleted().forEach(d -> System.out.println(verb + d));
    System.out.println((dryRun ? "would free " : "freed ") + report.bytes() + " bytes in "
        + report.deleted().size() + " blobs; kept " + report.keptYoung().size()
        + " unreferenced blobs younger than " + grace + "; " + report.marked()
        + " referenced; purged " + report.purgedUploads().size() + " abandoned uploads");
    return 0;
  }
}
