/**
 * Berth's OCI distribution registry server: the {@link dev.berth.registry.server.Registry}
 * facade that tests and berthd embed, and the {@code serve} and {@code gc} commands.
 */
package dev.berth.registry.server;
