package dev.berth.oci.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.error.BerthException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The platform an image runs on, with Go's names ({@code linux}, {@code amd64}, {@code arm64},
 * variant {@code v8}). {@code os} and {@code architecture} are required.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(
    String architecture,
    String os,
    @JsonProperty("os.version") String osVersion,
    @JsonProperty("os.features") List<String> osFeatures,
    String variant) {

  public Platform {
    if (architecture == null || architecture.isEmpty()) {
      throw BerthException.invalid("platform " + os + "/" + architecture + ": architecture is empty");
    }
    if (os == null || os.isEmpty()) {
      throw BerthException.invalid("platform " + os + "/" + architecture + ": os is empty");
    }
    osFeatures = Copies.list(osFeatures);
  }

  public static Platform of(String os, String architecture, String variant) {
    return new Platform(architecture, os, null, null, variant);
  }

  /** Parses {@code os/arch[/variant]}, e.g. {@code linux/arm64/v8}. */
  public static Platform parse(String spec) {
    String[] parts = spec == null ? new String[0] : spec.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw BerthException.invalid("invalid platform \"" + spec + "\": expected os/arch[/variant]");
    }
    return of(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /** Linux on the JVM's architecture, in Go's names; arm64 gets variant v8. */
  public static Platform host() {
    String arch = goArch(System.getProperty("os.arch"));
    return of("linux", arch, arch.equals("arm64") ? "v8" : null);
  }

  /**
   * Whether this (an image's platform) satisfies {@code wanted}: same os and architecture, and the
   * same variant when {@code wanted} names one. A missing variant means v8 on arm64 and v7 on arm.
   */
  public boolean matches(Platform wanted) {
    String arch = goArch(architecture);
    if (!os.equals(wanted.os) || !arch.equals(goArch(wanted.architecture))) {
      return false;
    }
    if (wanted.variant == null || wanted.variant.isEmpty()) {
      return true;
    }
    return Objects.equals(normalVariant(arch, variant), normalVariant(arch, wanted.variant));
  }

  /** {@code os/arch[/variant]}. */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
  }

  /** Java's {@code os.arch} (or a Go name) to Go's GOARCH name. */
  static String goArch(String arch) {
    String a = arch.toLowerCase(Locale.ROOT);
    return switch (a) {
      case "x86_64", "amd64", "x64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i486", "i586", "i686", "386" -> "386";
      case "ppc64le" -> "ppc64le";
      case "loongarch64", "loong64" -> "loong64";
      default -> a.startsWith("arm") ? "arm" : a;
    };
  }

  private static String normalVariant(String arch, String variant) {
    boolean none = variant == null || variant.isEmpty();
    return switch (arch) {
      case "arm64" -> none || variant.equals("8") ? "v8" : variant;
      case "arm" -> none ? "v7" : variant;
      default -> none ? null : variant;
    };
  }
}
