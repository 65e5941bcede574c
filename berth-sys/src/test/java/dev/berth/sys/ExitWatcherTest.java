package dev.berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExitWatcherTest {

  @Test
  void eachFutureCompletesWhenItsOwnProcessEnds() throws Exception {
    List<Process> sleepers = new ArrayList<>();
    try (ExitWatcher w = new ExitWatcher("test-exits")) {
      List<CompletableFuture<Void>> exits = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Process p = new ProcessBuilder("sleep", "1000").start();
        sleepers.add(p);
        exits.add(w.onExit((int) p.pid()));
      }
      assertThat(w.watching()).isEqualTo(5);
      // ending them out of order ends exactly their futures
      for (int i : new int[] {3, 0, 4}) {
        sleepers.get(i).destroyForcibly().waitFor();
        exits.get(i).get(30, TimeUnit.SECONDS);
      }
      assertThat(exits.get(1)).isNotDone();
      assertThat(exits.get(2)).isNotDone();
      assertThat(w.watching()).isEqualTo(2);
      sleepers.get(1).destroyForcibly().waitFor();
      sleepers.get(2).destroyForcibly().waitFor();
      CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertThat(w.watching()).isZero();
    } finally {
      sleepers.forEach(Process::destroyForcibly);
    }
  }

  @Test
  void aProcessThatIsGoneAlreadyIsDoneAtOnce() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor(); // reaped: its pid names nothing now
    try (ExitWatcher w = new ExitWatcher("test-exits")) {
      assertThat(w.onExit((int) p.pid())).isDone();
      assertThat(w.watching()).isZero();
    }
  }

  @Test
  void closingEndsTheThreadAndRefusesMore() throws Exception {
    ExitWatcher w = new ExitWatcher("test-exits-closing");
    Thread t = Thread.getAllStackTraces().keySet().stream()
        .filter(x -> x.getName().equals("test-exits-closing")).findFirst().orElseThrow();
    w.close();
    t.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(t.isAlive()).isFalse();
    w.close(); // twice is fine
    assertThatThrownBy(() -> w.onExit((int) ProcessHandle.current().pid()))
        .isInstanceOf(IllegalStateException.class);
  }
}
