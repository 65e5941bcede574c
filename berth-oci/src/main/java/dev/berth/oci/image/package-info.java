/**
 * OCI image-spec and Docker image v2 schema 2 documents as immutable, validated records: digests,
 * media types, descriptors, platforms, manifests, indexes and the image config. Read and written
 * with Jackson; unknown properties are ignored except in {@link dev.berth.oci.image.ImageConfig},
 * which keeps them so a config round-trips.
 */
package dev.berth.oci.image;
