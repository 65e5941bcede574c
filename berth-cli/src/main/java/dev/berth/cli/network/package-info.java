/**
 * {@code berth network}: docker's network commands over {@code /networks}. Also the helpers
 * the volume commands share: {@link dev.berth.cli.network.Inspection} (inspect output and
 * templates), {@link dev.berth.cli.network.KeyValues} (--label/--opt maps),
 * {@link dev.berth.cli.network.NaturalOrder} (docker's listing order) and
 * {@link dev.berth.cli.network.MaxArgs} (cobra's "requires at most" text).
 */
package dev.berth.cli.network;
