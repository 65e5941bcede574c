package dev.berth.cli.container;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags {@code run} and {@code create} share, as docker names them. */
public final class CreateFlags {
  @Option(names = "--name", paramLabel = "string", description = "Assign a name to the container")
  String name;
  @Option(names = "--platform", paramLabel = "string", description = "Set platform if server is multi-platform capable")
  String platform;
  @Option(names = {"-a", "--attach"}, paramLabel = "list", description = "Attach to STDIN, STDOUT or STDERR")
  List<String> attach = new ArrayList<>();
  @Option(names = {"-i", "--interactive"}, arity = "0..1", fallbackValue = "true", description = "Keep STDIN open even if not attached")
  boolean interactive;
  @Option(names = {"-t", "--tty"}, arity = "0..1", fallbackValue = "true", description = "Allocate a pseudo-TTY")
  boolean tty;
  @Option(names = {"-e", "--env"}, paramLabel = "list", description = "Set environment variables")
  List<String> env = new ArrayList<>();
  @Option(names = "--env-file", paramLabel = "list", description = "Read in a file of environment variables")
  List<String> envFile = new ArrayList<>();
  @Option(names = {"-v", "--volume"}, paramLabel = "list", description = "Bind mount a volume")
  List<String> volumes = new ArrayList<>();
  @Option(names = "--mount", paramLabel = "mount", description = "Attach a filesystem mount to the container")
  List<String> mounts = new ArrayList<>();
  @Option(names = "--tmpfs", paramLabel = "list", description = "Mount a tmpfs directory")
  List<String> tmpfs = new ArrayList<>();
  @Option(names = "--volumes-from", paramLabel = "list", description = "Mount volumes from the specified container(s)")
  List<String> volumesFrom = new ArrayList<>();
  @Option(names = {"-p", "--publish"}, paramLabel = "list", description = "Publish a container's port(s) to the host")
  List<String> publish = new ArrayList<>();
  @Option(names = {"-P", "--publish-all"}, description = "Publish all exposed ports to random ports")
  boolean publishAll;
  @Option(names = "--expose", paramLabel = "list", description = "Expose a port or a range of ports")
  List<String> expose = new ArrayList<>();
  @Option(names = {"-w", "--workdir"}, paramLabel = "string", description = "Working directory inside the container")
  String workdir;
  @Option(names = {"-u", "--user"}, paramLabel = "string", description = "Username or UID (format: <name|uid>[:<group|gid>])")
  String user;
  @Option(names = "--entrypoint", paramLabel = "string", description = "Overwrite the default ENTRYPOINT of the image")
  String entrypoint;
  @Option(names = {"-h", "--hostname"}, paramLabel = "string", description = "Container host name")
  String hostname;
  @Option(names = "--domainname", paramLabel = "string", description = "Container NIS domain name")
  String domainname;
  @Option(names = {"-l", "--label"}, paramLabel = "list", description = "Set meta data on a container")
  List<String> labels = new ArrayList<>();
  @Option(names = "--label-file", paramLabel = "list", description = "Read in a line delimited file of labels")
  List<String> labelFiles = new ArrayList<>();
  @Option(names = {"-m", "--memory"}, paramLabel = "bytes", converter = Sizes.class, description = "Memory limit")
  Long memory;
  @Option(names = "--memory-swap", paramLabel = "bytes", converter = Sizes.Swap.class, description = "Swap limit equal to memory plus swap: '-1' to enable unlimited swap")
  Long memorySwap;
  @Option(names = "--memory-reservation", paramLabel = "bytes", converter = Sizes.class, description = "Memory soft limit")
  Long memoryReservation;
  @Option(names = "--shm-size", paramLabel = "bytes", converter = Sizes.class, description = "Size of /dev/shm")
  Long shmSize;
  @Option(names = "--cpus", paramLabel = "decimal", description = "Number of CPUs")
  Double cpus;
  @Option(names = {"-c", "--cpu-shares"}, paramLabel = "int", description = "CPU shares (relative weight)")
  Long cpuShares;
  @Option(names = "--cpuset-cpus", paramLabel = "string", description = "CPUs in which to allow execution (0-3, 0,1)")
  String cpusetCpus;
  @Option(names = "--cpuset-mems", paramLabel = "string", description = "MEMs in which to allow execution (0-3, 0,1)")
  String cpusetMems;
  @Option(names = "--cpu-period", paramLabel = "int", description = "Limit CPU CFS (Completely Fair Scheduler) period")
  Long cpuPeriod;
  @Option(names = "--cpu-quota", paramLabel = "int", description = "Limit CPU CFS (Completely Fair Scheduler) quota")
  Long cpuQuota;
  @Option(names = "--pids-limit", paramLabel = "int", description = "Tune container pids limit (set -1 for unlimited)")
  Long pidsLimit;
  @Option(names = "--ulimit", paramLabel = "ulimit", description = "Ulimit options")
  List<String> ulimits = new ArrayList<>();
  @Option(names = "--read-only", description = "Mount the container's root filesystem as read only")
  boolean readOnly;
  @Option(names = "--cap-add", paramLabel = "list", description = "Add Linux capabilities")
  List<String> capAdd = new ArrayList<>();
  @Option(names = "--cap-drop", paramLabel = "list", description = "Drop Linux capabilities")
  List<String> capDrop = new ArrayList<>();
  @Option(names = "--privileged", description = "Give extended privileges to this container")
  boolean privileged;
  @Option(names = "--security-opt", paramLabel = "list", description = "Security Options")
  List<String> securityOpt = new ArrayList<>();
  @Option(names = "--init", description = "Run an init inside the container that forwards signals and reaps processes")
  boolean init;
  @Option(names = "--stop-signal", paramLabel = "string", description = "Signal to stop the container")
  String stopSignal;
  @Option(names = "--stop-timeout", paramLabel = "int", description = "Timeout (in seconds) to stop a container")
  Integer stopTimeout;
  @Option(names = "--restart", paramLabel = "string", description = "Restart policy to apply when a container exits (default \"no\")")
  String restart;
  @Option(names = "--rm", description = "Automatically remove the container and its associated anonymous volumes when it exits")
  boolean autoRemove;
  @Option(names = "--log-driver", paramLabel = "string", description = "Logging driver for the container")
  String logDriver;
  @Option(names = "--log-opt", paramLabel = "list", description = "Log driver options")
  List<String> logOpts = new ArrayList<>();
  @Option(names = {"--network", "--net"}, paramLabel = "network", description = "Connect a container to a network")
  String network;
  @Option(names = {"--network-alias", "--net-alias"}, paramLabel = "list", description = "Add network-scoped alias for the container")
  List<String> networkAliases = new ArrayList<>();
  @Option(names = "--ip", paramLabel = "string", description = "IPv4 address (e.g., 172.30.100.104)")
  String ip;
  @Option(names = "--health-cmd", paramLabel = "string", description = "Command to run to check health")
  String healthCmd;
  @Option(names = "--health-interval", paramLabel = "duration", converter = GoDuration.class, description = "Time between running the check (ms|s|m|h) (default 0s)")
  Long healthInterval;
  @Option(names = "--health-timeout", paramLabel = "duration", converter = GoDuration.class, description = "Maximum time to allow one check to run (ms|s|m|h) (default 0s)")
  Long healthTimeout;
  @Option(names = "--health-start-period", paramLabel = "duration", converter = GoDuration.class, description = "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)")
  Long healthStartPeriod;
  @Option(names = "--health-start-interval", paramLabel = "duration", converter = GoDuration.class, description = "Time between running the check during the start period (ms|s|m|h) (default 0s)")
  Long healthStartInterval;
  @Option(names = "--health-retries", paramLabel = "int", description = "Consecutive failures needed to report unhealthy")
  Integer healthRetries;
  @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK")
  boolean noHealthcheck;
  @Option(names = "--add-host", paramLabel = "list", description = "Add a custom host-to-IP mapping (host:ip)")
  List<String> addHost = new ArrayList<>();
  @Option(names = "--dns", paramLabel = "list", description = "Set custom DNS servers")
  List<String> dns = new ArrayList<>();
  @Option(names = "--dns-search", paramLabel = "list", description = "Set custom DNS search domains")
  List<String> dnsSearch = new ArrayList<>();
  @Option(names = {"--dns-option", "--dns-opt"}, paramLabel = "list", description = "Set DNS options")
  List<String> dnsOption = new ArrayList<>();
  @Option(names = "--cidfile", paramLabel = "string", description = "Write the container ID to the file")
  String cidfile;
  @Option(names = "--pull", paramLabel = "string", description = "Pull image before creating (\"always\", \"missing\", \"never\") (default \"missing\")")
  String pull = "missing";
  @Option(names = {"-q", "--quiet"}, description = "Suppress the pull output")
  boolean quiet;
  @Option(names = "--ipc", paramLabel = "string", description = "IPC mode to use")
  String ipc;
  @Option(names = "--pid", paramLabel = "string", description = "PID namespace to use")
  String pid;
  @Option(names = "--uts", paramLabel = "string", description = "UTS namespace to use")
  String uts;
  @Option(names = "--userns", paramLabel = "string", description = "User namespace to use")
  String userns;
  @Option(names = "--cgroupns", paramLabel = "string", description = "Cgroup namespace to use (host|private)")
  String cgroupns;
  @Option(names = "--cgroup-parent", paramLabel = "string", description = "Optional parent cgroup for the container")
  String cgroupParent;
  @Option(names = "--device", paramLabel = "list", description = "Add a host device to the container")
  List<String> devices = new ArrayList<>();
  @Option(names = "--group-add", paramLabel = "list", description = "Add additional groups to join")
  List<String> groupAdd = new ArrayList<>();
  @Option(names = "--sysctl", paramLabel = "map", description = "Sysctl options")
  List<String> sysctls = new ArrayList<>();
  @Option(names = "--oom-kill-disable", description = "Disable OOM Killer")
  boolean oomKillDisable;
  @Option(names = "--oom-score-adj", paramLabel = "int", description = "Tune host's OOM preferences (-1000 to 1000)")
  Integer oomScoreAdj;
}
