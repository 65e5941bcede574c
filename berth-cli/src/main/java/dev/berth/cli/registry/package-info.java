/**
 * Registries from the client side ({@code pull}, {@code push}, {@code login}, {@code logout})
 * and Berth's registry server ({@code berth registry serve|gc}, berth-registry's own commands).
 *
 * <p>Credentials live where the docker CLI keeps them ({@link dev.berth.cli.registry.DockerConfig}:
 * config.json in --config, $DOCKER_CONFIG or ~/.docker; a {@code credsStore} or
 * {@code credHelpers} helper when configured), so berth and docker share logins. Pull and push
 * send them to the daemon as X-Registry-Auth ({@link dev.berth.cli.registry.Auths}); the
 * daemon's progress is shown by {@link dev.berth.cli.registry.ProgressDisplay}.
 */
package dev.berth.cli.registry;
