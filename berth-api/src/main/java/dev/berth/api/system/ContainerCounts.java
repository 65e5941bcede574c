package dev.berth.api.system;

/** How many containers there are in each state, for {@code /info}; the engine answers. */
@FunctionalInterface
public interface ContainerCounts {
  /** No engine yet: no containers. */
  ContainerCounts NONE = () -> new Counts(0, 0, 0, 0);

  Counts counts();

  record Counts(int total, int running, int paused, int stopped) {}
}
