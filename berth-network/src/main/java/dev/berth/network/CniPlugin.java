package dev.berth.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.error.BerthException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One execution of a CNI plugin binary as the CNI 1.0 spec has it: the operation and the
 * container's identity in {@code CNI_*} variables, the network configuration on stdin, the
 * result (or an error object) on stdout.
 */
final class CniPlugin {
  static final ObjectMapper JSON = new ObjectMapper();
  private final Path pluginDir;

  CniPlugin(Path pluginDir) {
    this.pluginDir = pluginDir;
  }

  /** What a plugin is told about the container it works for. */
  record Call(String command, String containerId, String netns, String ifname) {}

  /** Runs {@code config.type}; the result for ADD, null for DEL and CHECK. */
  JsonNode run(Call call, ObjectNode config) {
    String type = config.path("type").asText();
    Path binary = pluginDir.resolve(type);
    if (!Files.isExecutable(binary)) {
      throw BerthException.precondition("CNI plugin " + type + " not found in " + pluginDir
          + " (install containernetworking-plugins)");
    }
    ProcessBuilder pb = new ProcessBuilder(binary.toString());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("CNI_COMMAND", call.command());
    env.put("CNI_CONTAINERID", call.containerId());
    env.put("CNI_NETNS", call.netns());
    env.put("CNI_IFNAME", call.ifname());
    env.put("CNI_PATH", pluginDir.toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(JSON.writeValueAsBytes(config));
      }
      byte[] out = p.getInputStream().readAllBytes();
      int code = p.waitFor();
      if (code != 0) {
        throw failure(type, call, out);
      }
      return out.length == 0 ? null : JSON.readTree(out);
    } catch (IOException e) {
      throw BerthException.system("running CNI plugin " + type + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BerthException.system("interrupted running CNI plugin " + type, e);
    }
  }

  private static BerthException failure(String type, Call call, byte[] out) {
    String text = new String(out, StandardCharsets.UTF_8).trim();
    String msg = text;
    try {
      JsonNode err = JSON.readTree(out);
      msg = err.path("msg").asText(text);
      if (!err.path("details").asText().isEmpty()) {
        msg += ": " + err.path("details").asText();
      }
    } catch (IOException e) {
      // not JSON: the raw output says what went wrong
    }
    return BerthException.system("CNI plugin " + type + " " + call.command() + " for "
        + call.ifname() + ": " + msg, null);
  }
}
