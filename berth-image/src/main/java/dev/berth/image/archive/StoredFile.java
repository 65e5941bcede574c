package dev.berth.image.archive;

import dev.berth.oci.image.Compression;
import dev.berth.oci.image.Digest;

/** An archive file now in the content store: its blob, size and sniffed compression. */
record StoredFile(Digest digest, long size, Compression compression) {}
