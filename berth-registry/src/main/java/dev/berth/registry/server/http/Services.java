package dev.berth.registry.server.http;

import dev.berth.registry.server.RegistryConfig;
import dev.berth.registry.server.auth.Guard;
import dev.berth.registry.server.auth.TokenService;
import dev.berth.registry.server.storage.BlobStore;
import dev.berth.registry.server.storage.Manifests;
import dev.berth.registry.server.storage.RepositoryStore;
import dev.berth.registry.server.storage.UploadStore;

/** What the endpoints work on; one per running registry. tokens is null without a token service. */
public record Services(RegistryConfig config, BlobStore blobs, UploadStore uploads,
    RepositoryStore repositories, Manifests manifests, Guard guard, TokenService tokens) {}
