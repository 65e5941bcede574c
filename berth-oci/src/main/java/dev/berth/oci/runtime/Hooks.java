package dev.berth.oci.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code hooks}: programs run at fixed points of the lifecycle, state JSON on stdin. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hooks(
    List<Hook> prestart,
    List<Hook> createRuntime,
    List<Hook> createContainer,
    List<Hook> startContainer,
    List<Hook> poststart,
    List<Hook> poststop) {

  public Hooks {
    prestart = orEmpty(prestart);
    createRuntime = orEmpty(createRuntime);
    createContainer = orEmpty(createContainer);
    startContainer = orEmpty(startContainer);
    poststart = orEmpty(poststart);
    poststop = orEmpty(poststop);
  }

  private static List<Hook> orEmpty(List<Hook> l) {
    return l == null ? List.of() : List.copyOf(l);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hook(String path, List<String> args, List<String> env, Integer timeout) {
    public Hook {
      args = args == null ? List.of() : List.copyOf(args);
      env = env == null ? List.of() : List.copyOf(env);
    }
  }
}
