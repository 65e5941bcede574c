#!/usr/bin/env bash
# Daemon benchmark (root): berthd vs the anchor dockerd on the same busybox image — docker run
# --rm through the CLI, API create+start+wait, 100 containers 4 at a time, memory per idle
# container and idle daemons. Starts both daemons on their own sockets and stops them after.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/setup.sh
work=$(mktemp -d /var/tmp/berth-daemon.XXXXXX)
run=/run/bdb$$
berthd=
cleanup() {
  [ -n "$berthd" ] && kill "$berthd" 2>/dev/null && while kill -0 "$berthd" 2>/dev/null; do sleep 0.1; done
  scripts/anchor-dockerd.sh stop
  rm -rf --one-file-system "$work" "$run"
}
trap cleanup EXIT
docker=$(command -v /usr/local/bin/docker || command -v docker)
scripts/anchor-dockerd.sh start
bin/berthd -H "unix://$run/b.sock" --root "$work/root" --exec-root "$run" >"$work/berthd.log" 2>&1 &
berthd=$!
for _ in $(seq 100); do "$docker" -H "unix://$run/b.sock" version >/dev/null 2>&1 && break; sleep 0.1; done
scripts/fixtures/busybox-rootfs.sh "$work/busybox.tar"
"$docker" -H "unix://$run/b.sock" import "$work/busybox.tar" busybox >/dev/null
"$docker" -H unix:///run/berth-anchor/docker.sock import "$work/busybox.tar" busybox >/dev/null
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
"$java" -cp "bench/target/berth-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.berth.bench.DaemonBench \
  "$run/b.sock" "$run/berthd.pid" /run/berth-anchor/docker.sock /run/berth-anchor/docker.pid \
  /run/berth-anchor/containerd.pid "${1:-20}"
"$docker" -H unix:///run/berth-anchor/docker.sock rmi busybox >/dev/null
