package dev.berth.runtime.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import dev.berth.oci.runtime.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a bundle directory: its config.json, parsed and validated, and its rootfs. */
public final class BundleLoader {
  public static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private BundleLoader() {}

  public static Bundle load(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw BerthException.invalid("bundle " + abs + ": not a directory");
    }
    RuntimeConfig config = parse(abs.resolve("config.json"));
    ConfigValidator.validate(config);
    Path rootfs = abs.resolve(config.root().path()).normalize();
    if (!Files.exists(rootfs)) {
      throw BerthException.invalid("root.path: " + rootfs + " does not exist");
    }
    if (!Files.isDirectory(rootfs)) {
      throw BerthException.invalid("root.path: " + rootfs + " is not a directory");
    }
    return new Bundle(abs, config, rootfs);
  }

  public static RuntimeConfig parse(Path configFile) {
    try {
      return JSON.readValue(Files.readAllBytes(configFile), RuntimeConfig.class);
    } catch (NoSuchFileException e) {
      throw BerthException.invalid(configFile + ": no such file");
    } catch (JsonProcessingException e) {
      throw BerthException.invalid(configFile + ": malformed JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw BerthException.system("reading " + configFile, e);
    }
  }
}
