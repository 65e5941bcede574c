/**
 * What a pull hands the image service: a source that writes an image's verified blobs into the
 * content store ({@link dev.berth.image.pull.ImageSource}) and what it fetched ({@link
 * dev.berth.image.pull.PulledImage}). The registry client implements the source; the service
 * unpacks and records the image as a load does.
 */
package dev.berth.image.pull;
