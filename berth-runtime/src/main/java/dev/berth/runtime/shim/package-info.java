/**
 * Launching berth-shim and speaking to it: the sync protocol during create, the control socket
 * after, and the files it leaves in the container's run directory (native/PLAN.md).
 */
package dev.berth.runtime.shim;
