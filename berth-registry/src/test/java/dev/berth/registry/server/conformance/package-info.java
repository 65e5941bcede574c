/**
 * The distribution-spec conformance matrix (opencontainers/distribution-spec v1.1.1
 * {@code conformance/}: pull, push, content discovery, content management) as JUnit classes, run
 * in order against an in-process registry on a loopback port.
 */
package dev.berth.registry.server.conformance;
