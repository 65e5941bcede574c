/**
 * The registry's HTTP skin over Netty: streaming request bodies with backpressure into upload
 * sessions, zero-copy blob sends, Range requests, and one small class per endpoint group that
 * forwards to the storage.
 */
package dev.berth.registry.server.http;
