/**
 * Seccomp profiles: Docker's default profile resolved for a container into OCI {@code
 * linux.seccomp}, and the checks an OCI seccomp section must pass before the shim compiles it.
 */
package dev.berth.runtime.seccomp;
