#!/usr/bin/env bash
# anchor-dockerd.sh start|stop|env — Debian's dockerd (docker.io, 20.10) as the side-by-side
# anchor for the image benchmarks, on its own socket, directories, containerd and cgroup parent
# (/berth-anchor) so it never collides with a system Docker or with Berth (/run/berth,
# /var/lib/berth). No bridge, no iptables. `start` returns once the API answers; `stop` leaves no
# process or mount behind. `env` prints the DOCKER_HOST to use. Several users (the benchmark,
# the interchange test) may share it: start/stop are serialised and counted, and the daemons
# only stop when the last user stops (`stop --force` stops them regardless).
set -euo pipefail
run=/run/berth-anchor
lib=/var/lib/berth-anchor
sock=$run/docker.sock
ctr_sock=$run/containerd/containerd.sock
docker_cli=$(command -v /usr/local/bin/docker || command -v docker)

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
ready() { DOCKER_HOST=unix://$sock "$docker_cli" version >/dev/null 2>&1; }
# poll: TIMEOUT_S COMMAND... — true as soon as COMMAND is, false after TIMEOUT_S
poll() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do [ $SECONDS -lt $deadline ] || return 1; sleep 0.1; done
}
gone() { ! kill -0 "$1" 2>/dev/null; }
# terminate PIDFILE TIMEOUT_S: SIGTERM, wait, then SIGKILL
terminate() {
  alive "$1" || { rm -f "$1"; return 0; }
  local pid; pid=$(cat "$1")
  kill -TERM "$pid"
  poll "$2" gone "$pid" || { echo "anchor: $pid ignored SIGTERM, killing" >&2; kill -KILL "$pid"; poll 10 gone "$pid"; }
  rm -f "$1"
}

# how many users hold the anchor (a running one without the count was started by one user)
users() { cat $run/users 2>/dev/null || { alive $run/docker.pid && echo 1; } || echo 0; }

start() {
  if alive $run/docker.pid && ready; then echo $(($(users) + 1)) >$run/users; return 0; fi
  stop_daemons  # whatever half is left of an earlier run
  for other in $(pgrep -x dockerd || true) $(pgrep -x containerd || true); do
    echo "anchor: note: another $(cat /proc/$other/comm) runs (pid $other); the anchor does not share anything with it" >&2
  done
  mkdir -p $run/containerd $lib/containerd $lib/docker
  chmod 711 $run $lib
  cat >$run/containerd.toml <<TOML
version = 2
root = "$lib/containerd"
state = "$run/containerd/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$ctr_sock"
[ttrpc]
  address = "$ctr_sock.ttrpc"
[debug]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$lib/containerd/opt"
TOML
  echo "{\"deprecated-key-path\": \"$lib/docker/key.json\"}" >$run/daemon.json
  # (8>&-: the daemons must not inherit, and so hold, the lock)
  setsid containerd --config $run/containerd.toml </dev/null >$lib/containerd.log 2>&1 8>&- &
  echo $! >$run/containerd.pid
  poll 30 ctr --address $ctr_sock version >/dev/null 2>&1 \
    || { tail -20 $lib/containerd.log >&2; stop_daemons; echo "anchor: containerd did not come up" >&2; exit 1; }
  setsid dockerd --config-file $run/daemon.json --containerd $ctr_sock \
    --data-root $lib/docker --exec-root $run/docker --pidfile $run/docker.pid -H unix://$sock \
    --bridge=none --iptables=false --ip-masq=false --ip-forward=false --storage-driver=overlay2 \
    --cgroup-parent=/berth-anchor </dev/null >$lib/dockerd.log 2>&1 8>&- &
  local pid=$!
  echo $pid >$run/docker.pid.launch
  if ! poll 60 ready; then
    tail -20 $lib/dockerd.log >&2
    kill -0 $pid 2>/dev/null && kill -TERM $pid && poll 20 gone $pid
    stop_daemons
    echo "anchor: dockerd did not answer on $sock" >&2
    exit 1
  fi
  rm -f $run/docker.pid.launch
  echo 1 >$run/users
}

stop() {
  local n; n=$(users)
  if [ "${1:-}" != --force ] && [ "$n" -gt 1 ]; then echo $((n - 1)) >$run/users; return 0; fi
  stop_daemons
}

stop_daemons() {
  # dockerd stops its containers itself (no live-restore); then containerd
  if [ -f $run/docker.pid.launch ]; then
    mv $run/docker.pid.launch $run/docker.pid.old
    terminate $run/docker.pid.old 60
  fi
  terminate $run/docker.pid 60
  terminate $run/containerd.pid 30
  # shims of containers that outlived their containerd (only after a crash)
  for pid in $(pgrep -f "containerd-shim-runc-v2 .*-address $ctr_sock" || true); do
    kill -KILL "$pid" 2>/dev/null || true
    poll 10 gone "$pid" || true
  done
  findmnt -rn -o TARGET | { grep -E "^($run|$lib)(/|$)" || true; } | sort -r | while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m"
  done
  # empty cgroups dockerd made under the anchor's parent, deepest first
  for d in /sys/fs/cgroup/*/berth-anchor /sys/fs/cgroup/unified/berth-anchor; do
    [ -d "$d" ] && find "$d" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
  rm -f $sock $run/users
}

case ${1:-} in
  env) echo "DOCKER_HOST=unix://$sock"; exit 0 ;;
  start | stop) ;;
  *) echo "usage: anchor-dockerd.sh start|stop [--force]|env" >&2; exit 2 ;;
esac
mkdir -p $run
exec 8>$run/lock
flock 8
"$@"
