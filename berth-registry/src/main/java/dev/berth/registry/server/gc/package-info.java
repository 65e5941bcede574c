/** Online garbage collection of the shared blob store, with a grace period and a dry run. */
package dev.berth.registry.server.gc;
