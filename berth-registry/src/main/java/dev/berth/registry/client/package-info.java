/**
 * Berth's distribution client: pull and push of images against any OCI / Docker v2 registry.
 *
 * <p>Shape (Jib's): one small class per registry endpoint ({@link
 * dev.berth.registry.client.ManifestPuller}, {@link dev.berth.registry.client.BlobPuller}, …), all
 * sent through one {@link dev.berth.registry.client.RegistryCaller} that authenticates (anonymous,
 * Basic, Bearer tokens by scope) and turns HTTP failures into {@link
 * dev.berth.registry.client.RegistryException}s carrying the registry's error code; a small
 * facade, {@link dev.berth.registry.client.RegistryClient}; and the two transfers built on it,
 * {@link dev.berth.registry.client.ImagePuller} and {@link dev.berth.registry.client.ImagePusher}.
 * Where a registry lives and how to reach it (plain HTTP for loopback and insecure registries,
 * per-registry CAs, mirrors for docker.io) is {@link dev.berth.registry.client.RegistryHosts}.
 */
package dev.berth.registry.client;
