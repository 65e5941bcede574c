package dev.berth.api.http;

/** A set of related routes (system, images, containers, …) that adds itself to a router. */
public interface RouteGroup {
  void register(Router router);
}
