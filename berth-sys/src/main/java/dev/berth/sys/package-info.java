/**
 * The few Linux syscalls Java needs, called through the Foreign Function and Memory API, and
 * libcrypto's SHA-256 ({@link dev.berth.sys.Sha256}). All native calls of the Java side live in
 * this package; nothing else binds libc.
 */
package dev.berth.sys;
