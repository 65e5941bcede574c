package dev.berth.registry.server.gc;

import dev.berth.oci.image.Digest;
import java.util.List;

/**
 * What a collection found: blobs deleted (or, in a dry run, that would be), their bytes, the
 * unreferenced blobs kept because they are younger than the grace period, and the abandoned
 * uploads purged.
 */
public record GcReport(boolean dryRun, int marked, List<Digest> deleted, long bytes,
    List<Digest> keptYoung, List<String> purgedUploads) {}
