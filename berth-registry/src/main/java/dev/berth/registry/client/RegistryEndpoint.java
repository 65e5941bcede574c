package dev.berth.registry.client;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * One way to reach a registry: its name as references write it ({@code docker.io}, {@code
 * localhost:5000}), the base URI requests go to ({@code https://registry-1.docker.io}) and the
 * HTTP client set up for it (TLS trust and client certificate).
 *
 * @param mirror true for a docker.io mirror: pulls only, credentials not sent
 */
public record RegistryEndpoint(String domain, URI base, HttpClient http, boolean mirror) {

  /** {@code base} + {@code path}, e.g. {@code /v2/library/busybox/manifests/latest}. */
  URI resolve(String path) {
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
  }

  /** The key Docker's config.json uses for this registry's credentials. */
  public String credentialKey() {
    return domain.equals("docker.io") ? "https://index.docker.io/v1/" : domain;
  }

  public boolean plainHttp() {
    return base.getScheme().equals("http");
  }
}
