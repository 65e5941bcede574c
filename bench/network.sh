#!/usr/bin/env bash
# Network benchmark (root), side by side in one run:
#   run --rm busybox true on the default bridge: the berth CLI and the docker CLI against berthd,
#     the docker CLI against the anchor dockerd, podman (median of N, interleaved)
#   TCP throughput (iperf3, 5 s): container to container on a user network, and host to container
#     through a published port, on berthd and on dockerd; host loopback as the ceiling
# Starts berthd and the anchor dockerd on their own sockets and directories and stops them after.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
n=${1:-15}
scripts/setup.sh >/dev/null
command -v iperf3 >/dev/null && command -v podman >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iperf3 podman >/dev/null; }
work=$(mktemp -d /var/tmp/berth-net.XXXXXX)
run=/run/bnb$$
berthd=
cleanup() {
  for d in "${B[@]}" "${D[@]}"; do "$d" rm -f srv >/dev/null 2>&1 || true; "$d" network rm benchnet >/dev/null 2>&1 || true; done
  [ -n "$berthd" ] && kill "$berthd" 2>/dev/null && while kill -0 "$berthd" 2>/dev/null; do sleep 0.1; done
  scripts/anchor-dockerd.sh stop --force >/dev/null 2>&1 || true
  "${P[@]}" rmi -a -f >/dev/null 2>&1 || true
  rm -rf --one-file-system "$work" "$run"
}
trap cleanup EXIT
docker=$(command -v /usr/local/bin/docker || command -v docker)
B=("$docker" -H "unix://$run/b.sock")
D=("$docker" -H unix:///run/berth-anchor/docker.sock)
# podman on its own storage, with runc (crun refuses this host's hybrid cgroups) and explicit
# ulimits below the hard limits
mkdir -p "$work/podman"
cat >"$work/podman/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
export CONTAINERS_CONF="$work/podman/containers.conf"
P=(podman --root "$work/podman/storage" --runroot "$run/podman")

scripts/anchor-dockerd.sh start >/dev/null
mkdir -p "$run"
bin/berthd -H "unix://$run/b.sock" --root "$work/root" --exec-root "$run/exec" >"$work/berthd.log" 2>&1 &
berthd=$!
for _ in $(seq 200); do "${B[@]}" version >/dev/null 2>&1 && break; sleep 0.1; done
scripts/fixtures/busybox-rootfs.sh "$work/busybox.tar"
bench/fixtures/iperf3-rootfs.sh "$work/iperf.tar"
for d in B D; do
  eval "cli=(\"\${$d[@]}\")"
  "${cli[@]}" import "$work/busybox.tar" busybox >/dev/null
  "${cli[@]}" import "$work/iperf.tar" iperf >/dev/null
done
"${P[@]}" import "$work/busybox.tar" busybox >/dev/null 2>&1

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
median() { sort -n | awk '{a[NR]=$1} END {printf "%.1f", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)/1000}'; }
# one warm-up each: first bridge, first iptables rules, caches
BERTH_HOST="unix://$run/b.sock" bin/berth run --rm busybox true >/dev/null
"${B[@]}" run --rm busybox true >/dev/null; "${D[@]}" run --rm busybox true >/dev/null
"${P[@]}" run --rm busybox true >/dev/null
: >"$work/bc"; : >"$work/bd"; : >"$work/dd"; : >"$work/pd"
for _ in $(seq "$n"); do
  BERTH_HOST="unix://$run/b.sock" ms bin/berth run --rm busybox true >>"$work/bc"
  ms "${B[@]}" run --rm busybox true >>"$work/bd"
  ms "${D[@]}" run --rm busybox true >>"$work/dd"
  ms "${P[@]}" run --rm busybox true >>"$work/pd"
done
bc=$(median <"$work/bc"); bd=$(median <"$work/bd"); dd=$(median <"$work/dd"); pd=$(median <"$work/pd")
echo "run --rm busybox true, default bridge, median of $n (ms):"
printf "  berth CLI -> berthd %8s   docker CLI -> berthd %8s   docker -> dockerd %8s   podman %8s\n" "$bc" "$bd" "$dd" "$pd"
awk -v a="$bc" -v b="$bd" -v d="$dd" -v p="$pd" 'BEGIN {printf "  ratios to docker: berth CLI %.2f, docker CLI on berthd %.2f, podman %.2f (goal < 0.2)\n", a/d, b/d, p/d}'

gbits() { python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.2f" % (d["end"]["sum_received"]["bits_per_second"]/1e9))'; }
throughput() { # engine-cli... -> "c2c h2c" in Gbit/s
  local port=$1; shift
  "$@" network create benchnet >/dev/null
  "$@" run -d --name srv --network benchnet -p "127.0.0.1:$port:5201" iperf iperf3 -s >/dev/null
  # ready once the server's log says it listens
  for _ in $(seq 200); do "$@" logs srv 2>&1 | grep -q "Server listening" && break; done
  local c2c h2c
  c2c=$("$@" run --rm --network benchnet iperf iperf3 -c srv -t 5 -J | gbits)
  h2c=$(iperf3 -c 127.0.0.1 -p "$port" -t 5 -J | gbits)
  "$@" rm -f srv >/dev/null; "$@" network rm benchnet >/dev/null
  echo "$c2c $h2c"
}
read -r b_c2c b_h2c <<<"$(throughput 15201 "${B[@]}")"
read -r d_c2c d_h2c <<<"$(throughput 15202 "${D[@]}")"
iperf3 -s -B 127.0.0.1 -p 15203 -1 >/dev/null & srv=$!
for _ in $(seq 100); do ss -ltn | grep -q 127.0.0.1:15203 && break; sleep 0.05; done
lo=$(iperf3 -c 127.0.0.1 -p 15203 -t 5 -J | gbits); wait $srv || true
echo "TCP throughput, iperf3 5 s (Gbit/s):"
printf "  container->container (user network)   berthd %6s   dockerd %6s\n" "$b_c2c" "$d_c2c"
printf "  host->container (published port)      berthd %6s   dockerd %6s\n" "$b_h2c" "$d_h2c"
printf "  host loopback (ceiling)               %6s\n" "$lo"
awk -v a="$b_c2c" -v b="$d_c2c" -v c="$b_h2c" -v d="$d_h2c" 'BEGIN {printf "  ratios berthd/dockerd: container->container %.2f, host->container %.2f (goal >= 0.9)\n", a/b, c/d}'
