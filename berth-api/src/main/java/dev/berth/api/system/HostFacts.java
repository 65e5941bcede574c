package dev.berth.api.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What {@code /version} and {@code /info} say about the machine, read from /proc and /etc. */
record HostFacts(String kernelVersion, String operatingSystem, String osVersion, String hostname,
    long memTotal, int ncpu, String cgroupVersion) {

  static HostFacts read() {
    String kernel = firstLine(Path.of("/proc/sys/kernel/osrelease"), "");
    String host = firstLine(Path.of("/proc/sys/kernel/hostname"), "localhost");
    String pretty = "Linux";
    String version = "";
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          pretty = unquote(line.substring("PRETTY_NAME=".length()));
        } else if (line.startsWith("VERSION_ID=")) {
          version = unquote(line.substring("VERSION_ID=".length()));
        }
      }
    } catch (IOException e) {
      // no os-release: keep "Linux"
    }
    long mem = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          mem = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // unknown: 0
    }
    String cgroup = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1";
    return new HostFacts(kernel, pretty, version, host, mem,
        Runtime.getRuntime().availableProcessors(), cgroup);
  }

  /** Go's GOARCH for the JVM's os.arch, as {@code /version} reports it. */
  static String goArch() {
    return switch (System.getProperty("os.arch")) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> System.getProperty("os.arch");
    };
  }

  /** uname's machine name, as {@code /info} reports it. */
  static String unameArch() {
    return switch (goArch()) {
      case "amd64" -> "x86_64";
      case "arm64" -> "aarch64";
      default -> goArch();
    };
  }

  private static String firstLine(Path p, String otherwise) {
    try {
      List<String> lines = Files.readAllLines(p);
      return lines.isEmpty() ? otherwise : lines.getFirst().trim();
    } catch (IOException e) {
      return otherwise;
    }
  }

  private static String unquote(String s) {
    return s.length() >= 2 && (s.startsWith("\"") || s.startsWith("'")) ? s.substring(1,
        s.length() - 1) : s;
  }
}
