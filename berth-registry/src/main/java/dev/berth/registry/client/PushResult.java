package dev.berth.registry.client;

import dev.berth.oci.image.Digest;

/** A pushed tag: what Docker's push stream ends with ({@code aux {"Tag","Digest","Size"}}). */
public record PushResult(String tag, Digest digest, long size) {}
