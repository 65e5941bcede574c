package dev.berth.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One host side of a published port ({@code -p 127.0.0.1:8080:80}): an empty host IP means
 * every address, an empty host port an ephemeral one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortBinding(
    @JsonProperty("HostIp") String hostIp,
    @JsonProperty("HostPort") String hostPort) {
  public PortBinding {
    hostIp = hostIp == null ? "" : hostIp;
    hostPort = hostPort == null ? "" : hostPort;
  }
}
