package dev.berth.registry.client;

import dev.berth.oci.image.Digest;

/**
 * A manifest or index exactly as the registry sent it, with its media type (from the
 * Content-Type or the JSON) and the digest of those bytes, which this client computed itself.
 */
public record ManifestResponse(byte[] bytes, String mediaType, Digest digest) {}
