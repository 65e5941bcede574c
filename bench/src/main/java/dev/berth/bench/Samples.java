package dev.berth.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics of timing samples, shared by the benchmarks. */
final class Samples {
  private Samples() {}

  static double median(List<Double> xs) {
    List<Double> s = sorted(xs);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static List<Double> sorted(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s;
  }
}
