/**
 * The OCI runtime: create, start, state, kill, delete, exec, pause, resume, ps and stats on
 * bundles. {@link dev.berth.runtime.ContainerRuntime} is the facade the CLI and the engine call.
 */
package dev.berth.runtime;
