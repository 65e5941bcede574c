package dev.berth.runtime.cgroup;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that touches cgroup directories and files. {@link #KERNEL} is cgroupfs: mkdir
 * makes the interface files, rmdir takes a directory with its files. {@link #FAKE} is a plain
 * directory tree standing in for it in tests: mkdir copies the parent's file names as empty files
 * (and {@code cgroup.controllers} from the parent's {@code cgroup.subtree_control}), rmdir deletes
 * the files first, {@code cgroup.subtree_control} applies "+x -y" edits, and rule files such as
 * {@code devices.allow} keep every line written, so a test can read back what the kernel would
 * have been told. Neither mode creates a missing file: a
 * write to a file the kernel does not offer fails as it would on the host.
 */
enum CgroupFs {
  KERNEL {
    @Override
    void mkdir(Path dir) throws IOException {
      Files.createDirectory(dir);
    }

    @Override
    void rmdir(Path dir) throws IOException {
      Files.delete(dir);
    }

    @Override
    void writeRaw(Path file, String value) throws IOException {
      Files.writeString(file, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }
  },
  FAKE {
    @Override
    void mkdir(Path dir) throws IOException {
      Files.createDirectory(dir);
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.getParent(), Files::isRegularFile)) {
        for (Path file : files) {
          String name = file.getFileName().toString();
          String content = name.equals("cgroup.controllers")
              ? readOrEmpty(dir.getParent().resolve("cgroup.subtree_control"))
              : "";
          Files.writeString(dir.resolve(name), content);
        }
      }
    }

    @Override
    void rmdir(Path dir) throws IOException {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
        for (Path file : files) {
          Files.delete(file);
        }
      }
      Files.delete(dir);
    }

    @Override
    void writeRaw(Path file, String value) throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString());
      }
      String name = file.getFileName().toString();
      if (name.equals("cgroup.subtree_control")) {
        // "+memory -io" edits the set the kernel then shows as "memory …".
        Set<String> enabled = new LinkedHashSet<>(List.of(readOrEmpty(file).split("\\s+")));
        enabled.remove("");
        for (String edit : value.strip().split("\\s+")) {
          if (edit.startsWith("+")) {
            enabled.add(edit.substring(1));
          } else if (edit.startsWith("-")) {
            enabled.remove(edit.substring(1));
          }
        }
        Files.writeString(file, String.join(" ", enabled), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      } else if (RULE_FILES.contains(name) || name.endsWith("_device")) {
        Files.writeString(file, value + "\n", StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      } else {
        Files.writeString(file, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      }
    }
  };

  /** Files where each write adds a rule instead of replacing a value. */
  private static final Set<String> RULE_FILES = Set.of("devices.allow", "devices.deny", "io.max", "io.weight", "io.bfq.weight");

  /** KERNEL if {@code dir} is on a cgroup or cgroup2 filesystem, else FAKE. */
  static CgroupFs of(Path dir) {
    try {
      String type = Files.getFileStore(dir).type();
      return type.equals("cgroup") || type.equals("cgroup2") ? KERNEL : FAKE;
    } catch (IOException e) {
      throw BerthException.system("cannot inspect cgroup hierarchy " + dir + ": " + reason(e), e);
    }
  }

  abstract void mkdir(Path dir) throws IOException;

  abstract void rmdir(Path dir) throws IOException;

  abstract void writeRaw(Path file, String value) throws IOException;

  /**
   * Each value in a write of its own to one open {@code file}, as rule files (devices.allow) take
   * them: one open for a container's dozen device rules instead of a dozen.
   */
  void writeEach(Path file, List<String> values) {
    if (this == FAKE) {
      values.forEach(v -> write(file, v));
      return;
    }
    String current = null;
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
        StandardOpenOption.WRITE)) {
      for (String v : values) {
        current = v;
        ch.write(java.nio.ByteBuffer.wrap(v.getBytes(StandardCharsets.US_ASCII)));
      }
    } catch (IOException e) {
      String what = current == null ? "" : "\"" + current + "\" ";
      throw BerthException.system("cannot write " + what + "to " + file + ": " + reason(e), e);
    }
  }

  /** One write of {@code value}; SYSTEM naming the file and value if the kernel refuses. */
  void write(Path file, String value) {
    try {
      writeRaw(file, value);
    } catch (IOException e) {
      throw BerthException.system("cannot write \"" + value + "\" to " + file + ": " + reason(e), e);
    }
  }

  /** The file's content without surrounding white space; SYSTEM naming the file if it cannot be read. */
  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw BerthException.system("cannot read " + file + ": " + reason(e), e);
    }
  }

  /** The content, or empty if the file is absent or unreadable: for optional counters. */
  static String readOrEmpty(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** The errno text, without the path Java puts in front of it. */
  static String reason(IOException e) {
    return switch (e) {
      case NoSuchFileException x -> "no such file";
      case AccessDeniedException x -> "permission denied";
      case DirectoryNotEmptyException x -> "directory not empty";
      case FileSystemException f when f.getReason() != null -> f.getReason();
      default -> String.valueOf(e.getMessage());
    };
  }
}
