package dev.berth.cli;

/** The build's git commit, from the jar manifest when packaged. */
final class Build {
  private Build() {}

  static String commit() {
    String v = Build.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
