package dev.berth.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a container asks of one network ({@code NetworkingConfig.EndpointsConfig[name]} at
 * create, the body of {@code POST /networks/{id}/connect}): extra names ({@code --alias}) and
 * a fixed address ({@code --ip}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EndpointSettings(
    @JsonProperty("Aliases") List<String> aliases,
    @JsonProperty("IPAMConfig") IpamConfig ipamConfig) {

  public EndpointSettings {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  public static EndpointSettings none() {
    return new EndpointSettings(null, null);
  }

  /** The fixed IPv4 address asked for, or null. */
  public String ipv4Address() {
    return ipamConfig == null || ipamConfig.ipv4Address() == null
        || ipamConfig.ipv4Address().isEmpty() ? null : ipamConfig.ipv4Address();
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record IpamConfig(@JsonProperty("IPv4Address") String ipv4Address) {}
}
