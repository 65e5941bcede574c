/** The OCI runtime command line (`berth-runtime`): one class per verb over ContainerRuntime. */
package dev.berth.runtime.cli;
