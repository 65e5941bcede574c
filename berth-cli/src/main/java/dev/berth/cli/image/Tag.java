package dev.berth.cli.image;

import dev.berth.cli.ApiCommand;
import dev.berth.cli.Args;
import dev.berth.cli.flags.Command;
import dev.berth.client.Query;
import java.util.ArrayList;
import java.util.List;

/** {@code berth tag SOURCE TARGET}: POST /images/{source}/tag?repo=&tag=. */
final class Tag extends ApiCommand {
  @Override
  protected void define(Command c) {
    c.name("tag").synopsis("SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]").description("Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE").stopAtPositional();
    c.positionals("[<refs>...]", refs::add);
  }

  List<String> refs = new ArrayList<>();

  @Override
  public Integer call() {
    Args.exactly(spec, refs, 2);
    String target = refs.get(1);
    TargetName.check(target);
    References.Parts p = splitTarget(target);
    client().post("/images/" + seg(refs.get(0)) + "/tag",
        Query.of("repo", p.repository()).withIfSet("tag", p.tag()), null);
    return 0;
  }

  /** The repository keeps its registry prefix here: only the tag is split off. */
  private static References.Parts splitTarget(String ref) {
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      return new References.Parts(ref.substring(0, colon), ref.substring(colon + 1), null);
    }
    return new References.Parts(ref, null, null);
  }
}
