package dev.berth.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One container as the engine records it: identity, the image it was made from, what was asked
 * for, and its state. Immutable; every change is a new record written in one transaction.
 *
 * @param name without Docker's leading slash
 * @param imageId the image's config digest ({@code sha256:…})
 * @param imageName the image as the user named it ({@code busybox})
 * @param path the program run (first of entrypoint + cmd), and {@code args} the rest
 * @param stoppedByUser last stopped through the API (stop, kill, rm), not by itself
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Container(
    String id,
    String name,
    String created,
    String imageId,
    String imageName,
    String path,
    List<String> args,
    ContainerConfig config,
    HostConfig hostConfig,
    ContainerState state,
    int restartCount,
    boolean stoppedByUser) {

  public Container {
    args = args == null ? List.of() : List.copyOf(args);
  }

  public Container withState(ContainerState s) {
    return new Container(id, name, created, imageId, imageName, path, args, config, hostConfig, s,
        restartCount, stoppedByUser);
  }

  public Container withName(String n) {
    return new Container(id, n, created, imageId, imageName, path, args, config, hostConfig,
        state, restartCount, stoppedByUser);
  }

  public Container withRestartCount(int n) {
    return new Container(id, name, created, imageId, imageName, path, args, config, hostConfig,
        state, n, stoppedByUser);
  }

  /**
   * Whether it was last stopped through the API: {@code unless-stopped} then stays down, also
   * across a daemon restart.
   */
  public Container withStoppedByUser(boolean b) {
    return new Container(id, name, created, imageId, imageName, path, args, config, hostConfig,
        state, restartCount, b);
  }

  public String shortId() {
    return id.substring(0, 12);
  }
}
