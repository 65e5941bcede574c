package dev.berth.registry.client;

import dev.berth.registry.server.TestRegistry;

/** A caller for Berth's in-process test registry, as every endpoint test needs one. */
final class EndpointFixture {
  private EndpointFixture() {}

  static RegistryCaller caller(TestRegistry registry, Credentials credentials) {
    return new RegistryCaller(RegistryHosts.defaults().endpoint("127.0.0.1:"
        + registry.registry.port()), credentials);
  }

  static RegistryCaller caller(TestRegistry registry) {
    return caller(registry, Credentials.ANONYMOUS);
  }
}
