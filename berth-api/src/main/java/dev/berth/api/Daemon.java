package dev.berth.api;

import dev.berth.api.http.HttpServer;
import dev.berth.api.http.Log;
import dev.berth.api.http.Router;
import dev.berth.api.image.ImageRoutes;
import dev.berth.api.system.ContainerCounts;
import dev.berth.api.system.SystemRoutes;
import dev.berth.error.BerthException;
import dev.berth.image.ImageService;
import dev.berth.api.container.ContainerRoutes;
import dev.berth.api.event.EventRoutes;
import dev.berth.engine.Container;
import dev.berth.engine.ContainerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * berthd put together: the image service on the data root, the routes over it, the HTTP server
 * and the pidfile. Closing stops listening first, then closes the stores.
 */
public final class Daemon implements AutoCloseable {
  private final ImageService images;
  private final ContainerEngine engine;
  private final HttpServer server;
  private final Path pidfile;
  /** The embedded registry ({@code --registry-addr}), or null. */
  private final dev.berth.registry.server.Registry registry;

  private Daemon(ImageService images, ContainerEngine engine, HttpServer server, Path pidfile,
      dev.berth.registry.server.Registry registry) {
    this.registry = registry;
    this.images = images;
    this.engine = engine;
    this.server = server;
    this.pidfile = pidfile;
  }

  /** The routes berthd serves. */
  public static Router routes(ImageService images, ContainerEngine engine, Path root) {
    return routes(images, engine, root, dev.berth.registry.client.RegistryHosts.defaults());
  }

  /** The route table, pulling and pushing by {@code hosts}' rules (insecure, mirrors, CAs). */
  public static Router routes(ImageService images, ContainerEngine engine, Path root,
      dev.berth.registry.client.RegistryHosts hosts) {
    return new Router()
        .register(new SystemRoutes(images, counts(engine), root))
        .register(new ImageRoutes(images, engine, engine.events(), hosts))
        .register(new ContainerRoutes(engine))
        .register(new EventRoutes(engine.events()))
        .register(new dev.berth.api.network.NetworkRoutes(engine))
        .register(new dev.berth.api.volume.VolumeRoutes(engine.volumes()))
        .register(new dev.berth.api.system.DiskUsageRoutes(images, engine, root));
  }

  /** What {@code docker info} counts, from the engine's records. */
  static ContainerCounts counts(ContainerEngine engine) {
    return () -> {
      int running = 0;
      int paused = 0;
      int stopped = 0;
      List<Container> all = engine.list(true);
      for (Container c : all) {
        if (c.state().paused()) {
          paused++;
        } else if (c.state().running()) {
          running++;
        } else {
          stopped++;
        }
      }
      return new ContainerCounts.Counts(all.size(), running, paused, stopped);
    };
  }

  public static Daemon start(DaemonConfig config) {
    ImageService images = ImageService.open(config.root());
    ContainerEngine engine = null;
    HttpServer server = null;
    dev.berth.registry.server.Registry registry = null;
    try {
      engine = ContainerEngine.open(config.root(), config.execRoot(), images, config.engine());
      if (config.registry() != null) {
        registry = dev.berth.registry.server.Registry.start(config.registry());
      }
      server = HttpServer.start(routes(images, engine, config.root(), config.registryHosts()),
          config.hosts(),
          config.tls());
      Path pidfile = writePidfile(config.execRoot());
      return new Daemon(images, engine, server, pidfile, registry);
    } catch (Exception e) {
      if (server != null) {
        server.close();
      }
      if (registry != null) {
        registry.close();
      }
      if (engine != null) {
        engine.close();
      }
      images.close();
      throw e instanceof RuntimeException r ? r
          : BerthException.system("starting the registry: " + e.getMessage(), e);
    }
  }

  public ContainerEngine engine() {
    return engine;
  }

  public List<String> addresses() {
    List<String> all = new java.util.ArrayList<>(server.addresses());
    if (registry != null) {
      all.add("registry http://" + registry.address().getHostString() + ":"
          + registry.address().getPort());
    }
    return all;
  }

  public ImageService images() {
    return images;
  }

  private static Path writePidfile(Path execRoot) {
    Path file = execRoot.resolve("berthd.pid");
    try {
      Files.createDirectories(execRoot);
      Path tmp = execRoot.resolve("berthd.pid.tmp");
      Files.writeString(tmp, ProcessHandle.current().pid() + "\n");
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw BerthException.system("writing the pidfile " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      if (registry != null) {
        registry.close();
      }
    } finally {
      engine.close(); // containers keep running: the next berthd picks them up
      images.close();
      try {
        Files.deleteIfExists(pidfile);
      } catch (IOException e) {
        Log.warn("removing the pidfile " + pidfile + ": " + e.getMessage());
      }
    }
  }
}
