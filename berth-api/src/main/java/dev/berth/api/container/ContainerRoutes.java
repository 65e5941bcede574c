package dev.berth.api.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.http.Hijacked;
import dev.berth.api.http.Json;
import dev.berth.api.http.Request;
import dev.berth.api.http.Response;
import dev.berth.api.http.RouteGroup;
import dev.berth.api.http.Router;
import dev.berth.api.http.Timestamps;
import dev.berth.engine.Container;
import dev.berth.engine.ContainerConfig;
import dev.berth.engine.ContainerEngine;
import dev.berth.engine.ExecConfig;
import dev.berth.engine.HostConfig;
import dev.berth.engine.LogEntry;
import dev.berth.engine.LogReader;
import dev.berth.error.BerthException;
import dev.berth.runtime.shim.AttachStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The container and exec endpoints over the {@link ContainerEngine}: create, start, stop, kill,
 * restart, pause, wait, attach, logs, inspect, list, remove, prune, resize, and exec create,
 * start, resize, inspect — with the statuses, stream formats and messages of docker-api.md.
 */
public final class ContainerRoutes implements RouteGroup {
  private static final String RAW = "application/vnd.docker.raw-stream";
  private static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";

  private final ContainerEngine engine;

  public ContainerRoutes(ContainerEngine engine) {
    this.engine = engine;
  }

  @Override
  public void register(Router r) {
    r.post("/containers/create", this::create);
    r.get("/containers/json", this::list);
    r.post("/containers/prune", this::prune);
    r.get("/containers/{id}/json", this::inspect);
    r.post("/containers/{id}/start", (q, s) -> s.status(engine.start(q.param("id")) ? 204 : 304));
    r.post("/containers/{id}/stop", (q, s) ->
        s.status(engine.stop(q.param("id"), timeout(q), q.query("signal")) ? 204 : 304));
    r.post("/containers/{id}/restart", (q, s) -> {
      engine.stop(q.param("id"), timeout(q), q.query("signal"));
      engine.start(q.param("id"));
      s.status(204);
    });
    r.post("/containers/{id}/kill", (q, s) -> {
      engine.kill(q.param("id"), q.query("signal"));
      s.status(204);
    });
    r.post("/containers/{id}/pause", (q, s) -> {
      engine.pause(q.param("id"));
      s.status(204);
    });
    r.post("/containers/{id}/unpause", (q, s) -> {
      engine.unpause(q.param("id"));
      s.status(204);
    });
    r.delete("/containers/{id}", (q, s) -> {
      engine.remove(q.param("id"), q.bool("force"), q.bool("v"));
      s.status(204);
    });
    r.post("/containers/{id}/resize", (q, s) -> {
      engine.resize(q.param("id"), intQuery(q, "h"), intQuery(q, "w"));
      s.status(200);
    });
    r.post("/containers/{id}/wait", this::await);
    r.addHijack("POST", "/containers/{id}/attach", this::attach);
    r.get("/containers/{id}/logs", this::logs);
    r.post("/containers/{id}/exec", (q, s) -> {
      ExecConfig config = Json.MAPPER.readValue(q.body(), ExecConfig.class);
      s.json(201, Map.of("Id", engine.execCreate(q.param("id"), config)));
    });
    r.addHijack("POST", "/exec/{id}/start", this::execStart);
    r.post("/exec/{id}/resize", (q, s) -> {
      engine.execResize(q.param("id"), intQuery(q, "h"), intQuery(q, "w"));
      s.status(200);
    });
    r.post("/commit", this::commit);
    r.post("/containers/{id}/update", (q, s) -> {
      engine.update(q.param("id"), Json.MAPPER.readValue(q.body(), HostConfig.class));
      s.json(200, Map.of("Warnings", List.of()));
    });
    r.get("/containers/{id}/changes", (q, s) -> s.json(200, engine.changes(q.param("id"))
        .stream().map(c -> Map.of("Path", c.path(), "Kind", c.kind())).toList()));
    r.post("/containers/{id}/rename", (q, s) -> {
      engine.rename(q.param("id"), q.query("name") == null ? "" : q.query("name"));
      s.status(204);
    });
    r.get("/containers/{id}/archive", (q, s) -> archive(q, s, true));
    r.head("/containers/{id}/archive", (q, s) -> archive(q, s, false));
    r.put("/containers/{id}/archive", this::putArchive);
    r.get("/containers/{id}/stats", this::stats);
    r.get("/containers/{id}/top", (q, s) -> {
      List<List<String>> rows = new ArrayList<>();
      for (int pid : engine.processes(q.param("id"))) {
        rows.add(ProcessTable.row(pid));
      }
      s.json(200, Json.object("Titles", ProcessTable.TITLES, "Processes", rows));
    });
    r.get("/containers/{id}/export", (q, s) -> {
      engine.find(q.param("id"));
      try (OutputStream out = s.stream(200, "application/x-tar")) {
        engine.export(q.param("id"), out);
      }
    });
    r.get("/exec/{id}/json", (q, s) -> s.json(200, ContainerJson.exec(engine.exec(q.param("id")))));
  }

  private void create(Request q, Response s) throws IOException {
    JsonNode body = Json.MAPPER.readTree(q.body());
    if (body == null || !body.isObject()) {
      throw BerthException.invalid("config cannot be empty in order to create a container");
    }
    ContainerConfig config = Json.MAPPER.treeToValue(body, ContainerConfig.class);
    JsonNode hostNode = body.get("HostConfig");
    HostConfig host = hostNode == null || hostNode.isNull() ? HostConfig.defaults()
        : Json.MAPPER.treeToValue(hostNode, HostConfig.class);
    Map<String, dev.berth.engine.EndpointSettings> endpoints = new java.util.LinkedHashMap<>();
    JsonNode eps = body.path("NetworkingConfig").path("EndpointsConfig");
    for (var e : eps.properties()) {
      endpoints.put(e.getKey(), e.getValue() == null || e.getValue().isNull()
          ? dev.berth.engine.EndpointSettings.none()
          : Json.MAPPER.treeToValue(e.getValue(), dev.berth.engine.EndpointSettings.class));
    }
    ContainerEngine.Created created = engine.create(q.query("name"), config, host, endpoints);
    s.json(201, Json.object("Id", created.id(), "Warnings", created.warnings()));
  }

  /** {@code docker cp} from a container: the stat header, and unless HEAD the tar. */
  private void archive(Request q, Response s, boolean body) {
    String id = q.param("id");
    String path = q.query("path");
    if (path == null || path.isEmpty()) {
      throw BerthException.invalid("path is required");
    }
    engine.withRootfs(id, rootfs -> {
      java.nio.file.Path p = engine.containerPath(id, rootfs, path, false);
      String name = CopyArchive.baseName(path);
      s.header("X-Docker-Container-Path-Stat", CopyArchive.statHeader(p, name));
      if (!body) {
        s.status(200);
        return null;
      }
      try (OutputStream out = s.stream(200, "application/x-tar")) {
        CopyArchive.writeTar(p, name, out);
      }
      return null;
    });
  }

  /** {@code docker cp} into a container: a tar extracted into an existing directory. */
  private void putArchive(Request q, Response s) {
    String id = q.param("id");
    String path = q.query("path");
    if (path == null || path.isEmpty()) {
      throw BerthException.invalid("path is required");
    }
    boolean copyUidGid = q.bool("copyUIDGID");
    engine.withRootfs(id, rootfs -> {
      java.nio.file.Path dest = engine.containerPath(id, rootfs, path, true);
      if (!java.nio.file.Files.isDirectory(dest)) {
        throw BerthException.invalid("extraction point is not a directory");
      }
      String base = path.endsWith("/") ? path : path + "/";
      CopyArchive.extract(q.body(),
          name -> rootfs.resolve(dev.berth.engine.ContainerEngine.scoped(rootfs, base + name)),
          copyUidGid);
      s.status(200);
      return null;
    });
  }

  private void commit(Request q, Response s) {
    String container = q.query("container");
    if (container == null || container.isEmpty()) {
      throw BerthException.invalid("container is required for commit");
    }
    String repo = q.query("repo");
    String tag = q.query("tag");
    String reference = repo == null || repo.isEmpty() ? null
        : tag == null || tag.isEmpty() ? repo : repo + ":" + tag;
    var image = engine.commit(container, reference, q.query("author"), q.query("comment"),
        q.queryAll("changes"), q.bool("pause", true));
    s.json(201, Map.of("Id", image.id().toString()));
  }

  /**
   * One object ({@code stream=0}: two samples half a second apart so the CLI can compute CPU %;
   * {@code one-shot=1}: a single sample) or one per second until the container stops.
   */
  private void stats(Request q, Response s) throws Exception {
    Container c = engine.find(q.param("id"));
    boolean stream = q.bool("stream", true);
    if (!c.state().running()) {
      s.json(200, Json.object("read", "0001-01-01T00:00:00Z", "name", "/" + c.name(), "id",
          c.id(), "memory_stats", Map.of(), "cpu_stats", Map.of(), "precpu_stats", Map.of()));
      return;
    }
    StatsJson.Sample before = StatsJson.sample(engine.stats(c.id()));
    if (!stream) {
      if (q.bool("one-shot")) {
        s.json(200, StatsJson.of(c, before, null));
        return;
      }
      Thread.sleep(500); // the sampling interval, not a synchronisation
      s.json(200, StatsJson.of(c, StatsJson.sample(engine.stats(c.id())), before));
      return;
    }
    try (OutputStream out = s.stream(200, "application/json")) {
      while (true) {
        Thread.sleep(1000); // docker stats refreshes once a second
        StatsJson.Sample now;
        try {
          now = StatsJson.sample(engine.stats(c.id()));
        } catch (BerthException e) {
          return; // the container stopped
        }
        out.write(Json.bytes(StatsJson.of(c, now, before)));
        out.write('\n');
        out.flush();
        before = now;
      }
    }
  }

  private void list(Request q, Response s) {
    Map<String, List<String>> filters = q.filters();
    Instant now = Instant.now();
    List<Map<String, Object>> out = new ArrayList<>();
    boolean all = q.bool("all") || filters.containsKey("status") || filters.containsKey("exited");
    for (Container c : engine.list(all)) {
      if (ContainerFilters.matches(c, filters, () -> engine.networkSummary(c))) {
        Map<String, Object> row = ContainerJson.summary(c, engine.health(c), now);
        row.put("Ports", engine.ports(c));
        row.put("NetworkSettings", Map.of("Networks", engine.networkSummary(c)));
        row.put("Mounts", dev.berth.api.volume.VolumeJson.mounts(engine.volumes().mounts(c.id())));
        out.add(row);
      }
    }
    String limit = q.query("limit");
    if (limit != null && !limit.isEmpty() && Integer.parseInt(limit) > 0
        && out.size() > Integer.parseInt(limit)) {
      out = out.subList(0, Integer.parseInt(limit));
    }
    s.json(200, out);
  }

  private void inspect(Request q, Response s) {
    Container c = engine.find(q.param("id"));
    Map<String, Object> body = ContainerJson.inspect(c, engine.imageConfig(c),
        engine.environment(c), engine.paths(c), engine.health(c));
    body.put("NetworkSettings", engine.networkSettings(c));
    List<String> execIds = engine.execIds(c.id());
    body.put("ExecIDs", execIds.isEmpty() ? null : execIds);
    body.put("Mounts", dev.berth.api.volume.VolumeJson.mounts(engine.volumes().mounts(c.id())));
    s.json(200, body);
  }

  private void prune(Request q, Response s) {
    List<String> deleted = new ArrayList<>();
    for (Container c : engine.list(true)) {
      if (!c.state().running() && ContainerFilters.matches(c, q.filters())) {
        engine.remove(c.id(), false);
        deleted.add(c.id());
      }
    }
    s.json(200, Json.object("ContainersDeleted", deleted, "SpaceReclaimed", 0));
  }

  /** The 200 goes out at once (the CLI waits for it before it starts); the body at the end. */
  private void await(Request q, Response s) throws IOException {
    CompletableFuture<Integer> exit = engine.waitFor(q.param("id"), q.query("condition"));
    OutputStream out = s.stream(200, "application/json");
    out.flush();
    int code;
    try {
      code = exit.get();
    } catch (InterruptedException | ExecutionException e) {
      out.write(Json.bytes(Map.of("StatusCode", -1, "Error", Map.of("Message",
          String.valueOf(e.getMessage())))));
      out.close();
      return;
    }
    out.write(Json.bytes(Map.of("StatusCode", code)));
    out.write('\n');
    out.close();
  }

  private void attach(Request q, Response s) throws Exception {
    Container c = engine.find(q.param("id"));
    DetachKeys.parse(q.query("detachKeys")); // refused before the connection is taken over
    boolean framed = !c.config().tty();
    boolean stream = q.bool("stream");
    CompletableFuture<AttachStream> pending = null;
    AttachStream attach = null;
    if (stream) {
      if (c.state().running()) {
        attach = engine.attach(c.id());
      } else {
        pending = engine.attachAtStart(c.id());
      }
    }
    Hijacked h = s.hijack(contentType(q, framed));
    try (h) {
      OutputStream out = h.output();
      if (q.bool("logs")) {
        for (LogEntry e : LogReader.read(engine.logFile(c.id()), null, null, -1)) {
          if (wanted(q, e.stream())) {
            StdCopy.write(out, framed, e.stream(), e.data());
          }
        }
      }
      if (!stream) {
        return;
      }
      if (attach == null) {
        attach = pending.get();
      }
      engine.attached(c.id());
      pump(attach, h, framed, q.bool("stdin"), c.config().stdinOnce(), q);
    } finally {
      if (attach != null) {
        attach.close();
      }
    }
  }

  private void logs(Request q, Response s) throws Exception {
    Container c = engine.find(q.param("id"));
    if (!q.bool("stdout") && !q.bool("stderr")) {
      throw BerthException.invalid("Bad parameters: you must choose at least one stream");
    }
    boolean framed = !c.config().tty();
    String tailValue = q.query("tail");
    int tail = tailValue == null || tailValue.equals("all") || tailValue.isEmpty() ? -1
        : Integer.parseInt(tailValue);
    Instant since = Timestamps.parse(q.query("since"));
    Instant until = Timestamps.parse(q.query("until"));
    boolean timestamps = q.bool("timestamps");
    OutputStream out = s.stream(200, contentType(q, framed));
    try (out) {
      java.util.function.Consumer<LogEntry> write = e -> {
        if (!wanted(q, e.stream()) || (until != null && !e.time().isBefore(until))) {
          return;
        }
        byte[] data = timestamps ? (e.time() + " " + new String(e.data(),
            StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : e.data();
        try {
          StdCopy.write(out, framed, e.stream(), data);
        } catch (IOException x) {
          throw new java.io.UncheckedIOException(x);
        }
      };
      if (q.bool("follow")) {
        engine.followLogs(c.id(), since, tail, write); // the file as it grows: each entry once
      } else {
        LogReader.read(engine.logFile(c.id()), since, until, tail).forEach(write);
      }
      out.flush();
    } catch (java.io.UncheckedIOException e) {
      // the client went away
    }
  }

  private void execStart(Request q, Response s) throws Exception {
    String id = q.param("id");
    JsonNode body = Json.MAPPER.readTree(q.body().readNBytes(64 * 1024));
    boolean detach = body != null && body.path("Detach").asBoolean(false);
    var instance = engine.exec(id);
    ContainerEngine.StartedExec started = engine.execStart(id);
    if (detach) {
      started.begin().run();
      s.status(200);
      return;
    }
    boolean framed = !instance.config().tty();
    try (AttachStream attach = AttachStream.connect(started.attachSocket())) {
      Hijacked h = s.hijack(contentType(q, framed));
      try (h) {
        started.begin().run();
        pump(attach, h, framed, instance.config().attachStdin(), true, q);
        started.exit().get(); // the exit code is recorded before the client sees the end
      }
    }
  }

  /**
   * Container output to the client until the process ends; the client's bytes to stdin,
   * closing stdin when the client half-closes (with {@code stdinOnce}).
   */
  private void pump(AttachStream attach, Hijacked h, boolean framed, boolean stdin,
      boolean stdinOnce, Request q) throws IOException {
    Thread feeder = null;
    if (stdin) {
      DetachKeys keys = DetachKeys.parse(q.query("detachKeys"));
      feeder = Thread.ofVirtual().start(() -> {
        byte[] buf = new byte[32 * 1024];
        try {
          InputStream in = h.input();
          for (int n; (n = in.read(buf)) > 0; ) {
            DetachKeys.Scan scan = keys.scan(buf, n);
            if (scan.forward().length > 0) {
              attach.write(scan.forward());
            }
            if (scan.detach()) {
              // the client leaves, the container runs on: end this attach only
              attach.close();
              return;
            }
          }
          if (stdinOnce) {
            attach.closeStdin();
          }
        } catch (IOException e) {
          // the client or the container went away
        }
      });
    }
    OutputStream out = h.output();
    try {
      for (var f = attach.read(); f.isPresent(); f = attach.read()) {
        if (wanted(q, f.get().stream())) {
          StdCopy.write(out, framed, f.get().stream(), f.get().data());
        }
      }
    } catch (IOException e) {
      // the client went away: the container keeps running
    }
    if (feeder != null) {
      feeder.interrupt();
    }
  }

  /** Which of stdout and stderr the request asked for; none named means both (exec). */
  private static boolean wanted(Request q, int stream) {
    if (!q.hasQuery("stdout") && !q.hasQuery("stderr")) {
      return true;
    }
    return stream == 2 ? q.bool("stderr") : q.bool("stdout");
  }

  private static String contentType(Request q, boolean framed) {
    return framed && !q.apiBelow("1.42") ? MULTIPLEXED : RAW;
  }

  private static Integer timeout(Request q) {
    String t = q.query("t");
    if (t == null || t.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw BerthException.invalid("invalid value for t: \"" + t + "\"");
    }
  }

  private static int intQuery(Request q, String name) {
    String v = q.query(name);
    try {
      return v == null ? 0 : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw BerthException.invalid("invalid value for " + name + ": \"" + v + "\"");
    }
  }
}
