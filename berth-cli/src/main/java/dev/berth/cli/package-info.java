/**
 * The {@code berth} command line: docker's commands, flags, output and exit codes, over the
 * Engine API only ({@code dev.berth.client}).
 *
 * <p>Writing a command: extend {@link dev.berth.cli.ApiCommand} and declare its name, docker's
 * usage after the command name ({@code synopsis("[OPTIONS] IMAGE [IMAGE...]")}), description,
 * flags and positionals in {@code define} ({@link dev.berth.cli.flags}: no annotations, so
 * nothing is read reflectively at start-up); take the daemon from {@code client()} (or {@link dev.berth.cli.Cli#client()}
 * anywhere), which honours -H, BERTH_HOST, DOCKER_HOST and the --tls flags; print with
 * {@code out()} and {@code err()}. Check positional counts with {@link dev.berth.cli.Args}
 * (docker's "requires at least 1 argument" text). Register commands from
 * {@code ImageCommands.register} / {@code SystemCommands.register}.
 *
 * <p>Exit codes and errors: return 0, or the code to exit with. Throw
 * {@link dev.berth.cli.CliException} (message printed to stderr as is; code 1 unless given,
 * {@code DAEMON}=125, {@code CANNOT_INVOKE}=126, {@code NOT_FOUND}=127) or let the client's
 * exceptions escape: {@code ApiException} prints "Error response from daemon: &lt;message&gt;" and
 * exits 1, {@code DaemonUnreachableException} prints "Cannot connect to the Berth daemon at ...".
 * {@link dev.berth.cli.ExitStatus} exits with a code and prints nothing else. Flag errors exit
 * 125 and argument-count errors 1, both with docker's usage text ({@link dev.berth.cli.Errors}).
 */
package dev.berth.cli;
