package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.image.store.Database;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory records always say what the database says, as a fresh open reads it. */
class ContainerStoreTest {
  @TempDir Path tmp;

  private static Container container(String id, String name, String created) {
    return new Container(id, name, created, "sha256:" + "a".repeat(64), "busybox", "sh",
        List.of("-c", "true"), ContainerConfig.of("busybox", List.of("sh")),
        HostConfig.defaults(), ContainerState.created(), 0, false);
  }

  @Test
  void memoryFollowsEveryCommitAndMatchesAReopen() {
    Path file = tmp.resolve("metadata.db");
    List<Container> seen;
    try (Database db = Database.open(file)) {
      ContainerStore store = new ContainerStore(db);
      Container a = container("a".repeat(64), "first", "2026-01-01T00:00:01Z");
      Container b = container("b".repeat(64), "second", "2026-01-01T00:00:02Z");
      Container c = container("c".repeat(64), "third", "2026-01-01T00:00:03Z");
      assertThat(store.insert(a)).isTrue();
      assertThat(store.insert(b)).isTrue();
      assertThat(store.insert(c)).isTrue();
      // a taken name is refused by the database and leaves memory alone
      assertThat(store.insert(container("d".repeat(64), "first", "2026-01-01T00:00:04Z")))
          .isFalse();
      assertThat(store.get("d".repeat(64))).isEmpty();
      assertThat(store.rename(b, "first")).isFalse();
      assertThat(store.rename(b, "renamed")).isTrue();
      store.updateState(a.withState(ContainerState.created().running(42, "2026-01-01T00:01:00Z")));
      store.update(c.withStoppedByUser(true));
      store.delete(b.id());
      assertThat(store.list()).extracting(Container::name).containsExactly("first", "third");
      assertThat(store.get(a.id()).orElseThrow().state().pid()).isEqualTo(42);
      seen = store.list();
    }
    try (Database db = Database.open(file)) {
      assertThat(new ContainerStore(db).list()).isEqualTo(seen);
    }
  }
}
