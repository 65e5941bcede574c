package dev.berth.cli.registry;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Cli;
import dev.berth.cli.CliException;
import dev.berth.cli.flags.Command;
import dev.berth.cli.network.MaxArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code berth logout}: forgets a registry's credentials, under every form docker may have
 * stored its address in (host, http://host, https://host).
 */
final class Logout extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("logout").synopsis("[SERVER]").description("Log out from a registry");
    c.positionals(args::add);
  }

  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    MaxArgs.check(spec, args, 1);
    String server = args.isEmpty() ? "" : args.getFirst();
    List<String> forms = new ArrayList<>();
    String host;
    if (server.isEmpty()) {
      host = Auths.INDEX_SERVER;
      forms.add(host);
    } else {
      host = Auths.hostname(server);
      forms.addAll(List.of(server, host, "http://" + host, "https://" + host));
    }
    out().println("Removing login credentials for " + host);
    Map<String, String> errors = new LinkedHashMap<>();
    for (String f : forms) {
      try {
        DockerConfig.load(Cli.configDir()).store(f).erase(f);
      } catch (CliException e) {
        errors.put(f, e.getMessage());
      }
    }
    if (errors.size() == forms.size()) {
      err().println("WARNING: could not erase credentials:");
      errors.forEach((k, v) -> err().println(k + ": " + v));
    }
    return 0;
  }
}
