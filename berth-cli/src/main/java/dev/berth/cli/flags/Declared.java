package dev.berth.cli.flags;

/** A command's code: it declares its flags on its {@link Command} and runs once parsed. */
public interface Declared {
  void declare(Command c);

  /** Runs the parsed command; returns its exit code. */
  Integer call() throws Exception;
}
