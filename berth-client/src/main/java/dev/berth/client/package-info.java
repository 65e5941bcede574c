/**
 * A small blocking client of the Docker Engine API (1.44), over a unix socket, TCP or TCP+TLS.
 *
 * <p>Connect: {@code new DockerClient(DockerHost.resolve(flag, System.getenv()),
 * TlsOptions.resolve(...), DockerClient.apiVersionFrom(System.getenv()))} — in the CLI, take
 * the connected one from {@code dev.berth.cli.Cli.client()}. No connection is made until a
 * call; each call opens its own, so calls may run concurrently.
 *
 * <p>Calls: paths are unversioned ({@code "/images/json"}); the client prefixes
 * {@code /v1.44}. Put names into paths with {@link dev.berth.client.DockerClient#segment}.
 * <ul>
 *   <li>{@code client.get("/images/json", Query.of("all", "1"))} → {@code JsonNode};
 *   <li>{@code client.post(path, query, jsonBodyOrNull)} → {@code JsonNode} or null (204);
 *   <li>{@code client.delete(path, query)};
 *   <li>{@code client.send(ApiRequest.post(path).query(q).stream(in, "application/x-tar"))}
 *       → {@link dev.berth.client.ApiResponse}, body unread: {@code body()} for raw bytes
 *       (save, export), {@code jsonStream()} for JSON messages (pull, load, events), and
 *       {@code close()} to stop; a request body from a stream is sent chunked (load, import);
 *   <li>{@code client.hijack(request)} → {@link dev.berth.client.HijackedStream} for attach
 *       and exec start; {@link dev.berth.client.StdCopy#demux} splits non-TTY output.
 * </ul>
 *
 * <p>Errors: a status of 400 or more throws {@link dev.berth.client.ApiException} with the
 * status and the daemon's {@code message}; no daemon at the address throws
 * {@link dev.berth.client.DaemonUnreachableException}; I/O failures mid-stream are
 * {@link java.io.UncheckedIOException}. The CLI's main turns these into docker's output and
 * exit codes.
 */
package dev.berth.client;
