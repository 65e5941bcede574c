package dev.berth.image.change;

import dev.berth.error.BerthException;
import dev.berth.oci.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies {@code --change} instructions, as {@code docker commit --change} and {@code docker
 * import --change} take them, to an image's container config. Docker parses the changes as a
 * Dockerfile ({@code BuildFromConfig} in moby's {@code builder/dockerfile}) and dispatches them
 * with the builder's own handlers, so the syntax and effects here are the Dockerfile's: keywords
 * in any case, JSON (exec) or shell form, substitution of the environment built so far in ENV,
 * LABEL, WORKDIR, USER, EXPOSE, VOLUME and STOPSIGNAL. Only the instructions Docker allows for
 * a change are accepted; all others, known or not, fail with Docker's "X is not a valid change
 * command". All instructions are checked before any is applied, and a failure changes nothing.
 */
public final class ConfigChanges {
  /** moby's {@code validCommitCommands}. */
  private static final Set<String> VALID = Set.of("cmd", "entrypoint", "healthcheck", "env",
      "expose", "label", "onbuild", "stopsignal", "user", "volume", "workdir");
  private static final Pattern ONBUILD_PREFIX = Pattern.compile("(?i)^\\s*ONBUILD\\s*");

  private ConfigChanges() {}

  /**
   * The config with the changes applied, in order; {@code base} may be null (an import starts
   * from nothing). With no changes, {@code base} is returned as it is.
   */
  public static ImageConfig.ContainerConfig apply(ImageConfig.ContainerConfig base,
      List<String> changes) {
    Objects.requireNonNull(changes, "changes");
    if (changes.isEmpty()) {
      return base;
    }
    List<Instruction> script = ChangeLines.parse(changes);
    for (Instruction in : script) {
      if (!VALID.contains(in.name())) {
        throw BerthException.invalid(in.name() + " is not a valid change command");
      }
    }
    var draft = new Draft(base);
    for (Instruction in : script) {
      dispatch(draft, in);
    }
    return draft.build();
  }

  /** The image with its {@code config} changed; every other field is kept. */
  public static ImageConfig applyTo(ImageConfig image, List<String> changes) {
    Objects.requireNonNull(image, "image");
    ImageConfig.ContainerConfig changed = apply(image.config(), changes);
    return new ImageConfig(image.architecture(), image.os(), image.osVersion(),
        image.osFeatures(), image.variant(), image.created(), image.author(), changed,
        image.rootfs(), image.history(), image.extra());
  }

  private static void dispatch(Draft d, Instruction in) {
    String name = in.name();
    if (!name.equals("healthcheck")) {
      Flags.parse(in, Set.of()); // no other change command has flags
    }
    if (in.args().isBlank()) {
      throw BerthException.invalid(in.upper() + " requires at least one argument");
    }
    switch (name) {
      case "cmd" -> {
        d.cmd = commandLine(d, in.args());
        d.argsEscaped = null; // Docker sets false on Linux, which Go omits
        d.cmdSet = true;
      }
      case "entrypoint" -> {
        d.entrypoint = commandLine(d, in.args());
        d.argsEscaped = null;
        // As in a Dockerfile, ENTRYPOINT drops the CMD it inherited (here: the base config's)
        // unless a CMD came earlier in these changes; Docker's dispatchEntrypoint does this for
        // commit and import too, since BuildFromConfig starts a fresh dispatch state.
        if (!d.cmdSet) {
          d.cmd = null;
        }
      }
      case "env" -> {
        for (String[] kv : pairs(d, in)) {
          d.setenv(kv[0], kv[1]);
        }
      }
      case "label" -> {
        for (String[] kv : pairs(d, in)) {
          d.label(kv[0], kv[1]);
        }
      }
      case "expose" -> {
        var keys = new ArrayList<String>();
        for (String word : Words.plain(in.args())) {
          for (String spec : Substitution.words(word, d::getenv)) {
            keys.addAll(Ports.keys(spec));
          }
        }
        d.expose(keys);
      }
      case "volume" -> {
        var paths = new ArrayList<String>();
        List<String> words = Words.jsonArray(in.args()).orElseGet(() -> Words.plain(in.args()));
        for (String word : words) {
          String path = Substitution.word(word.strip(), d::getenv).strip();
          if (path.isEmpty()) {
            throw BerthException.invalid("VOLUME specified can not be an empty string: "
                + in.args());
          }
          paths.add(path);
        }
        if (paths.isEmpty()) {
          throw BerthException.invalid("VOLUME requires at least one argument");
        }
        d.volume(paths);
      }
      case "workdir" -> {
        String path = Substitution.word(in.args(), d::getenv);
        if (path.isEmpty()) {
          throw BerthException.invalid("WORKDIR \"" + in.args() + "\" is empty once substituted");
        }
        d.workingDir = WorkingDirs.resolve(d.workingDir, path);
      }
      case "user" -> d.user = Substitution.word(in.args(), d::getenv);
      case "stopsignal" -> {
        String signal = Substitution.word(in.args(), d::getenv);
        Signals.check(signal);
        d.stopSignal = signal;
      }
      case "onbuild" -> d.onBuild(onBuild(in));
      case "healthcheck" -> d.healthcheck = Healthchecks.parse(in);
      default -> throw new IllegalStateException("unhandled change command " + name);
    }
  }

  /** Exec form as given; shell form is one string run by the image's shell. */
  private static List<String> commandLine(Draft d, String args) {
    var json = Words.jsonArray(args);
    if (json.isPresent()) {
      return json.get();
    }
    var line = new ArrayList<>(d.shell());
    line.add(args);
    return List.copyOf(line);
  }

  /**
   * ENV and LABEL pairs: {@code k=v k2="v 2"}, or the legacy {@code k v w} (one pair, the value
   * the rest of the line). All pairs of one instruction see the environment from before it.
   */
  private static List<String[]> pairs(Draft d, Instruction in) {
    String rest = in.args();
    List<String> words = Words.quoted(rest);
    var raw = new ArrayList<String[]>();
    if (!words.isEmpty() && !words.get(0).contains("=")) {
      String[] parts = rest.strip().split("\\s+", 2);
      if (parts.length < 2) {
        throw BerthException.invalid(in.upper() + " must have two arguments: " + rest);
      }
      raw.add(parts);
    } else {
      for (String word : words) {
        int eq = word.indexOf('=');
        if (eq < 0) {
          throw BerthException.invalid("Syntax error - can't find = in \"" + word
              + "\". Must be of the form: name=value");
        }
        raw.add(new String[] {word.substring(0, eq), word.substring(eq + 1)});
      }
    }
    var out = new ArrayList<String[]>();
    for (String[] kv : raw) {
      if (kv[0].isEmpty()) {
        throw BerthException.invalid(in.upper() + " names can not be blank: " + rest);
      }
      String key = Substitution.word(kv[0], d::getenv);
      if (key.isEmpty()) {
        throw BerthException.invalid(
            in.upper() + " name \"" + kv[0] + "\" is empty once substituted");
      }
      out.add(new String[] {key, Substitution.word(kv[1], d::getenv)});
    }
    return out;
  }

  /** The trigger as written after ONBUILD, kept verbatim as Docker keeps it. */
  private static String onBuild(Instruction in) {
    String trigger = in.args().strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    switch (trigger) {
      case "ONBUILD" -> throw BerthException.invalid(
          "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      case "MAINTAINER", "FROM" -> throw BerthException.invalid(
          "\"" + trigger + "\" isn't allowed as an ONBUILD trigger");
      default -> {
        return ONBUILD_PREFIX.matcher(in.original()).replaceFirst("");
      }
    }
  }
}
