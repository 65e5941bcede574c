package dev.berth.api.image;

import dev.berth.api.http.Json;
import dev.berth.api.http.Request;
import dev.berth.api.http.Response;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.registry.client.RegistryClient;
import dev.berth.registry.client.RegistryException;
import dev.berth.registry.client.RegistryHosts;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code POST /auth} ({@code docker login}): checks the credentials against the registry's
 * {@code /v2/}. Success is {@code {"Status":"Login Succeeded","IdentityToken":""}}; refused
 * credentials are a 500, as dockerd 20.10 answers, whose message the CLI prints.
 */
final class LoginRoute {
  private final RegistryHosts hosts;

  LoginRoute(RegistryHosts hosts) {
    this.hosts = hosts;
  }

  void handle(Request req, Response res) throws IOException {
    byte[] body;
    try (InputStream in = req.body()) {
      body = in.readAllBytes();
    }
    RegistryAuth auth = RegistryAuth.fromJson(body);
    RegistryClient client = new RegistryClient(hosts.endpoint(auth.registryDomain()),
        auth.credentials());
    try {
      client.checkLogin();
    } catch (RegistryException e) {
      if (e.status() == 401 || e.status() == 403) {
        // dockerd 20.10's words and status (500: its error carries no kind)
        throw new BerthException(ErrorKind.UNAUTHENTICATED, "login attempt to "
            + client.endpoint().base() + "/v2/ failed with status: " + e.status() + " "
            + (e.status() == 401 ? "Unauthorized" : "Forbidden"));
      }
      throw e;
    }
    res.json(200, Json.object("Status", "Login Succeeded", "IdentityToken", ""));
  }
}
