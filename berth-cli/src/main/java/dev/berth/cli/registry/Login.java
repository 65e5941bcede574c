package dev.berth.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ApiCommand;
import dev.berth.cli.Cli;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.flags.Flag;
import dev.berth.cli.network.MaxArgs;
import dev.berth.cli.terminal.Terminal;
import dev.berth.client.ApiException;
import dev.berth.client.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code berth login}: checks the credentials through the daemon (POST /auth) and stores them
 * as docker does (config.json's auths, or the configured credential helper). With no new
 * credentials given, the stored ones are tried first.
 */
final class Login extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("login").synopsis("[OPTIONS] [SERVER]").description("Authenticate to a registry");
    c.add(Flag.value("-p", "--password").label("string").describe("Password or Personal Access Token (PAT)").to(v -> password = v));
    c.add(Flag.bool("--password-stdin").describe("Take the Password or Personal Access Token (PAT) from stdin").toBool(v -> passwordStdin = v));
    c.add(Flag.value("-u", "--username").label("string").describe("Username").to(v -> user = v));
    c.positionals(args::add);
  }

  static final String UNENCRYPTED = "\nWARNING! Your credentials are stored unencrypted in '%s'.\n"
      + "Configure a credential helper to remove this warning. See\n"
      + "https://docs.docker.com/go/credential-store/\n";

  String password = "";
  boolean passwordStdin;
  String user = "";
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    MaxArgs.check(spec, args, 1);
    if (!password.isEmpty() && passwordStdin) {
      throw new CliException("conflicting options: cannot specify both --password and"
          + " --password-stdin");
    }
    if (!password.isEmpty()) {
      err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
    }
    if (passwordStdin) {
      if (user.isEmpty()) {
        throw new CliException("the --password-stdin option requires --username to be set");
      }
      password = readStdin();
    }
    String given = args.isEmpty() ? "" : args.getFirst();
    boolean hub = given.isEmpty() || given.equals(ImageName.DOCKER_HUB);
    String server = hub ? Auths.INDEX_SERVER : Auths.hostname(given);
    DockerConfig config = DockerConfig.load(Cli.configDir());
    CredentialStore store = config.store(server);

    if (user.isEmpty() && password.isEmpty()) {
      Credentials stored = store.get(server);
      if (!stored.username().isEmpty() && !stored.password().isEmpty()) {
        err().println("Authenticating with existing credentials... [Username: "
            + stored.username() + "]");
        err().print("\n Info -> To login with a different account, run 'berth logout' followed"
            + " by 'berth login'\n\n\n");
        try {
          return finish(config, store, stored, authenticate(stored), false);
        } catch (ApiException e) {
          err().println(e.status() == 401 ? "Stored credentials invalid or expired"
              : "Login did not succeed, error: Error response from daemon: " + e.getMessage());
        }
      }
      throw new CliException("Error: Cannot perform an interactive login from a non TTY device");
    }
    if (user.isEmpty() || password.isEmpty()) {
      if (!Terminal.stdinIsTerminal()) {
        throw new CliException("Error: Cannot perform an interactive login from a non TTY device");
      }
      throw new CliException("Error: interactive login is not supported by berth yet; use -u"
          + " and --password-stdin");
    }
    Credentials c = new Credentials(user, password, "", server);
    return finish(config, store, c, authenticate(c), true);
  }

  private JsonNode authenticate(Credentials c) {
    return client().post("/auth", Query.NONE, Auths.body(c));
  }

  private int finish(DockerConfig config, CredentialStore store, Credentials c, JsonNode res,
      boolean warn) {
    String token = res == null ? "" : res.path("IdentityToken").asText("");
    if (!token.isEmpty()) {
      c = new Credentials(c.username(), "", token, c.serverAddress());
    }
    store.store(c);
    if (warn && store.plainText() && !c.password().isEmpty()) {
      err().println(UNENCRYPTED.formatted(config.file()));
    }
    String status = res == null ? "" : res.path("Status").asText("");
    if (!status.isEmpty()) {
      out().println(status);
    }
    return 0;
  }

  private static String readStdin() {
    try {
      String s = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      if (s.endsWith("\n")) {
        s = s.substring(0, s.length() - 1);
      }
      if (s.endsWith("\r")) {
        s = s.substring(0, s.length() - 1);
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
