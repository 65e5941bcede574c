/** Volumes: named and anonymous local volumes, and the mounts a container gets from them. */
package dev.berth.engine.volume;
