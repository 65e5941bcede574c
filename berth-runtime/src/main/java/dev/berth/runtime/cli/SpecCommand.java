package dev.berth.runtime.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.error.BerthException;
import dev.berth.runtime.spec.BundleLoader;
import dev.berth.runtime.spec.DefaultSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "spec", description = "Write a default config.json into the bundle directory.")
final class SpecCommand implements Callable<Integer> {
  @Option(names = {"-b", "--bundle"}, defaultValue = ".") Path bundle;

  @Override
  public Integer call() {
    Path target = bundle.resolve("config.json");
    if (Files.exists(target)) throw BerthException.exists(target + " already exists");
    try {
      Files.write(target, BundleLoader.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsBytes(DefaultSpec.create(true)));
    } catch (IOException e) {
      throw BerthException.system("writing " + target, e);
    }
    return 0;
  }
}
