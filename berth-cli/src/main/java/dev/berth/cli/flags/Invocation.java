package dev.berth.cli.flags;

/** What a parse found: the command to run, or whose help was asked for. */
public record Invocation(Command command, boolean help) {}
