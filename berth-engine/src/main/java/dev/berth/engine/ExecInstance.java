package dev.berth.engine;

/**
 * One exec as {@code GET /exec/{id}/json} shows it. Docker keeps execs in memory only, and so
 * does the engine.
 *
 * @param exitCode null until the process has ended
 */
public record ExecInstance(String id, String containerId, ExecConfig config, boolean running,
    Integer exitCode, int pid) {

  ExecInstance started(int p) {
    return new ExecInstance(id, containerId, config, true, null, p);
  }

  ExecInstance ended(int code) {
    return new ExecInstance(id, containerId, config, false, code, pid);
  }
}
