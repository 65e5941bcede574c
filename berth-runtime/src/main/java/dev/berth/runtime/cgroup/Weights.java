package dev.berth.runtime.cgroup;

/** OCI configs carry v1 weights; v2 files take other ranges. */
final class Weights {
  private Weights() {}

  /**
   * {@code cpu.shares} [2..262144] (default 1024) to {@code cpu.weight} [1..10000] (default 100),
   * as crun does (crun.1.md, "CPU controller"): with l = log2(shares),
   * {@code weight = ceil(10^((l² + 125·l) / 612 − 7/34))}. The quadratic in l passes through the
   * three points that matter — 2 → 1, 1024 → 100, 262144 → 10000 — so the default maps to the
   * default, which the old linear map (1024 → 39) did not. 0 means unset and stays 0.
   */
  static long cpuWeight(long shares) {
    if (shares == 0) {
      return 0;
    }
    if (shares <= 2) {
      return 1;
    }
    if (shares >= 262144) {
      return 10000;
    }
    double l = Math.log(shares) / Math.log(2);
    double exponent = (l * l + 125 * l) / 612.0 - 7.0 / 34.0;
    return (long) Math.ceil(Math.pow(10, exponent));
  }

  /** {@code blkio.weight} [10..1000] to {@code io.weight} [1..10000], linearly (crun's fallback when bfq is absent). */
  static long ioWeight(long blkioWeight) {
    return 1 + (blkioWeight - 10) * 9999 / 990;
  }
}
