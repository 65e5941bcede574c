package dev.berth.cli.image;

import dev.berth.cli.CommandGroup;
import dev.berth.cli.flags.Command;

/**
 * The image commands, at the top level as docker has them ({@code images}, {@code rmi},
 * {@code tag}, {@code save}, {@code load}, {@code import}, {@code history}) and under
 * {@code berth image} ({@code ls}/{@code list}, {@code rm}/{@code remove}, {@code prune},
 * {@code inspect}, ...).
 */
public final class ImageCommands {
  private ImageCommands() {}

  public static void register(Command root) {
    root.sub("images", Images::new);
    root.sub("rmi", RemoveImages::new);
    root.sub("tag", Tag::new);
    root.sub("save", Save::new);
    root.sub("load", Load::new);
    root.sub("import", Import::new);
    root.sub("history", History::new);
    root.sub("image", () -> new CommandGroup("image", "Manage images", g -> {
      g.sub("history", History::new);
      g.sub("import", Import::new);
      g.sub("inspect", InspectImages::new);
      g.sub("load", Load::new);
      g.sub("ls", Images::new, "list");
      g.sub("prune", PruneImages::new);
      g.sub("rm", RemoveImages::new, "remove");
      g.sub("save", Save::new);
      g.sub("tag", Tag::new);
    }));
  }
}
