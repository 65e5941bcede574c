#!/usr/bin/env bash
# The main job: set up and build, make a busybox image from Debian's busybox-static, start
# berthd (unless one already serves /run/berth/berth.sock) and run a container from the image
# with the docker CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
sock=/run/berth/berth.sock
export DOCKER_HOST=unix://$sock
docker=$(command -v /usr/local/bin/docker || command -v docker)
work=$(mktemp -d /tmp/berth-main.XXXXXX)
started=
cleanup() {
  if [ -n "$started" ]; then
    kill "$started" 2>/dev/null || true
    while kill -0 "$started" 2>/dev/null; do sleep 0.1; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
if ! "$docker" version >/dev/null 2>&1; then
  bin/berthd -H "unix://$sock" >"$work/berthd.log" 2>&1 &
  started=$!
  for _ in $(seq 100); do "$docker" version >/dev/null 2>&1 && break; sleep 0.1; done
  "$docker" version >/dev/null || { cat "$work/berthd.log" >&2; exit 1; }
fi
scripts/fixtures/busybox-rootfs.sh "$work/busybox.tar"
"$docker" import --change 'CMD ["sh"]' "$work/busybox.tar" busybox:latest >/dev/null
# the berth command, on the default bridge network: an address, a route, the daemon's names
BERTH_HOST=unix://$sock bin/berth run --rm busybox \
  sh -c 'echo "hello from $(hostname), pid $$, as $(id -u)"; ip -4 -o addr show eth0; head -3 /proc/self/cgroup'
