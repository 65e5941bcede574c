package dev.berth.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path tmp;

  private static int count(Path db) throws SQLException {
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement s = other.createStatement();
         var rs = s.executeQuery("SELECT count(*) FROM t")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void relaxedCommitsSkipOnlyTheirOwnFlush() throws Exception {
    Path file = tmp.resolve("metadata.db");
    try (Database db = Database.open(file)) {
      db.migrate("test", List.of("CREATE TABLE t(v INTEGER)"));
      // SQLite's levels: 1 = NORMAL (no fsync per WAL commit), 2 = FULL
      assertThat(db.transaction("check", Database::synchronousOf)).isEqualTo(2);
      int during = db.relaxedTransaction("relaxed insert", c -> {
        try (Statement s = c.createStatement()) {
          s.execute("INSERT INTO t VALUES (1)");
        }
        return Database.synchronousOf(c);
      });
      assertThat(during).isEqualTo(1);
      // back to FULL for every other commit, and the relaxed one is committed for all readers
      assertThat(db.transaction("check", Database::synchronousOf)).isEqualTo(2);
      assertThat(count(file)).isEqualTo(1);
      // a failing relaxed transaction rolls back and still restores FULL
      assertThatThrownBy(() -> db.relaxedTransaction("failing", c -> {
        try (Statement s = c.createStatement()) {
          s.execute("INSERT INTO t VALUES (2)");
          s.execute("INSERT INTO nosuch VALUES (3)");
        }
        return null;
      })).hasMessageContaining("nosuch");
      assertThat(count(file)).isEqualTo(1);
      assertThat(db.transaction("check", Database::synchronousOf)).isEqualTo(2);
    }
  }
}
