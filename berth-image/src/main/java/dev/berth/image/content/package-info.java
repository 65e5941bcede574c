/**
 * The content store: immutable blobs (layers, configs, manifests) addressed by digest, written
 * through a verifying ingest and visible only once their digest has been checked. See {@link
 * dev.berth.image.content.ContentStore}.
 */
package dev.berth.image.content;
