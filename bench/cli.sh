#!/usr/bin/env bash
# CLI benchmark (root): the berth command against the docker CLI, side by side in one run, each
# figure the median of N runs (default 11), interleaved so load on the machine hits both alike:
#   --version   start-up alone (no daemon)
#   version     start-up plus GET /version (client and server sections)
#   ps          start-up plus one API call
#   run         run --rm --network none busybox true, both CLIs against the same berthd
#   anchor      docker run --rm --network none busybox true on the anchor dockerd (with --anchor)
# Starts its own berthd on a private socket and stops it after. Build first: ./mvnw package.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
n=11
anchor=
for a in "$@"; do
  case "$a" in
    --anchor) anchor=1 ;;
    *) n=$a ;;
  esac
done
work=$(mktemp -d /var/tmp/berth-cli.XXXXXX)
run=/run/bcb$$
berthd=
cleanup() {
  [ -n "$berthd" ] && kill "$berthd" 2>/dev/null && while kill -0 "$berthd" 2>/dev/null; do sleep 0.1; done
  [ -n "$anchor" ] && scripts/anchor-dockerd.sh stop --force
  rm -rf --one-file-system "$work" "$run"
}
trap cleanup EXIT
docker=$(command -v /usr/local/bin/docker || command -v docker)
berth="$top/bin/berth"
bin/berthd -H "unix://$run/b.sock" --root "$work/root" --exec-root "$run" >"$work/berthd.log" 2>&1 &
berthd=$!
for _ in $(seq 100); do "$docker" -H "unix://$run/b.sock" version >/dev/null 2>&1 && break; sleep 0.1; done
scripts/fixtures/busybox-rootfs.sh "$work/busybox.tar" >/dev/null 2>&1
"$docker" -H "unix://$run/b.sock" import "$work/busybox.tar" busybox >/dev/null
host="unix://$run/b.sock"
if [ -n "$anchor" ]; then
  scripts/anchor-dockerd.sh start >/dev/null
  "$docker" -H unix:///run/berth-anchor/docker.sock import "$work/busybox.tar" busybox >/dev/null
fi
# the first berth run after a build records the AOT cache: keep it out of the figures
"$berth" --version >/dev/null

# "wall,cpu" in ms for one run; cpu is user+system of the CLI process (and its children), which
# a loaded machine inflates much less than wall time
ms() {
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>&1 || true
  awk '{printf "%d,%d", $1 * 1000, ($2 + $3) * 1000}' "$work/time"
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
declare -A t
for _ in $(seq "$n"); do
  t[bv]+="$(ms "$berth" --version) "
  t[dv]+="$(ms "$docker" --version) "
  t[bs]+="$(ms "$berth" -H "$host" version) "
  t[ds]+="$(ms "$docker" -H "$host" version) "
  t[bp]+="$(ms "$berth" -H "$host" ps) "
  t[dp]+="$(ms "$docker" -H "$host" ps) "
  t[br]+="$(ms "$berth" -H "$host" run --rm --network none busybox true) "
  t[dr]+="$(ms "$docker" -H "$host" run --rm --network none busybox true) "
  if [ -n "$anchor" ]; then
    t[ar]+="$(ms "$docker" -H unix:///run/berth-anchor/docker.sock run --rm --network none busybox true) "
  fi
done
# "wall (cpu)" medians
med() {
  local w c
  w=$(tr ' ' '\n' <<<"${t[$1]}" | grep . | cut -d, -f1 | median)
  c=$(tr ' ' '\n' <<<"${t[$1]}" | grep . | cut -d, -f2 | median)
  echo "$w ($c)"
}
printf '%-46s %14s %14s\n' "median of $n, ms wall (cpu)" berth docker
printf '%-46s %14s %14s\n' "--version (start-up)" "$(med bv)" "$(med dv)"
printf '%-46s %14s %14s\n' "version (berthd)" "$(med bs)" "$(med ds)"
printf '%-46s %14s %14s\n' "ps (berthd)" "$(med bp)" "$(med dp)"
printf '%-46s %14s %14s\n' "run --rm --network none busybox true (berthd)" "$(med br)" "$(med dr)"
if [ -n "$anchor" ]; then
  printf '%-46s %14s %14s\n' "run --rm --network none busybox true (dockerd)" "-" "$(med ar)"
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
