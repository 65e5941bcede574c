/**
 * Who may do what: htpasswd (bcrypt) Basic auth, and a built-in token service that issues
 * ES256-signed JWTs with per-repository pull/push access taken from a small access file.
 */
package dev.berth.registry.server.auth;
