package dev.berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Elastic tabstops as Go's tabwriter computes them. */
class TabWriterTest {
  @Test
  void columnsAreContiguousRunsOfTabTerminatedCells() {
    String in = "aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n";
    assertThat(new TabWriter(0, 1).format(in)).isEqualTo("aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n");
  }

  @Test
  void dockerSettingsUseMinimumWidthTenAndPaddingThree() {
    assertThat(TabWriter.align("A\tBB\tC\nxxxxxxxxxxxx\ty\tz\n"))
        .isEqualTo("A              BB        C\nxxxxxxxxxxxx   y         z\n");
  }

  @Test
  void lastCellIsNotPaddedAndTextWithoutNewlineIsKept() {
    assertThat(TabWriter.align("a\tb")).isEqualTo("a         b");
    assertThat(TabWriter.align("no tabs\n")).isEqualTo("no tabs\n");
  }

  @Test
  void wideCharactersCountTwice() {
    assertThat(TabWriter.width("日本")).isEqualTo(4);
    assertThat(TabWriter.align("日本語ラベル\tx\na\ty\n")).isEqualTo("日本語ラベル   x\na              y\n");
  }
}
