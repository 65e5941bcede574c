package dev.berth.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import dev.berth.oci.runtime.Hooks;
import dev.berth.oci.runtime.State;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the hooks that live in the runtime's namespace (createRuntime, prestart, poststart,
 * poststop), each with the OCI state on stdin and only its own environment.
 */
final class HookRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HookRunner() {}

  static void run(String stage, List<Hooks.Hook> hooks, State state) {
    for (int i = 0; i < hooks.size(); i++) {
      Hooks.Hook h = hooks.get(i);
      String where = "hooks." + stage + "[" + i + "] " + h.path();
      List<String> cmd = new ArrayList<>();
      cmd.add(h.path());
      if (h.args().size() > 1) cmd.addAll(h.args().subList(1, h.args().size()));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.environment().clear();
      for (String e : h.env()) {
        int eq = e.indexOf('=');
        if (eq > 0) pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
      }
      try {
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
          in.write(JSON.writeValueAsBytes(state));
        } catch (IOException e) {
          // a hook that does not read its stdin is allowed
        }
        long timeout = h.timeout() == null || h.timeout() <= 0 ? Long.MAX_VALUE : h.timeout();
        if (!p.waitFor(timeout, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw BerthException.precondition(where + ": timed out after " + timeout + "s");
        }
        if (p.exitValue() != 0) {
          throw BerthException.precondition(where + ": exited with status " + p.exitValue());
        }
      } catch (IOException e) {
        throw BerthException.invalid(where + ": cannot run: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw BerthException.system(where + ": interrupted", e);
      }
    }
  }
}
