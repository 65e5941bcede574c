#!/usr/bin/env bash
# Pull benchmark (root): pulling one gzipped multi-layer image from Debian's docker-registry
# (distribution 2.8) on loopback — berthd's pull (download + verify + extract, through the docker
# CLI) vs `docker pull` through the anchor dockerd 20.10 vs `skopeo copy` to an OCI layout
# (download + verify, no extraction). ROUNDS interleaved (default 5), rotating order. Each round
# pulls an image of its own (bench PullRounds: every layer one extra small file), so every pull
# is cold and nothing is deleted while timing (this host's ext4 makes file creation after a big
# delete several times slower). Prints medians and ratios. Starts berthd, the anchor and the
# registry itself and always stops them.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
rounds=${1:-5}
[ -n "${BERTH_BENCH_NO_SETUP:-}" ] || scripts/setup.sh  # builds everything
work=$(mktemp -d /var/tmp/berth-pull.XXXXXX)
run=/run/bpl$$
berthd=
registry=
cleanup() {
  [ -n "$berthd" ] && kill "$berthd" 2>/dev/null && while kill -0 "$berthd" 2>/dev/null; do sleep 0.1; done
  [ -n "$registry" ] && kill "$registry" 2>/dev/null && while kill -0 "$registry" 2>/dev/null; do sleep 0.1; done
  scripts/anchor-dockerd.sh stop
  rm -rf --one-file-system "$work" "$run"
}
trap cleanup EXIT
docker=$(command -v /usr/local/bin/docker || command -v docker)
berth=(-H "unix://$run/b.sock")
anchor=(-H unix:///run/berth-anchor/docker.sock)

# the registry, on a free loopback port, with one image per round pushed gzipped by skopeo
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/registry.yml" <<YML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
YML
/usr/bin/docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
bench/fixtures/debian-layers.sh "$work/debian-layers.tar"
mkdir "$work/archive"
tar -xf "$work/debian-layers.tar" -C "$work/archive"
rm -f "$work"/debian-layers*.tar
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
mapfile -t archives < <("$java" -cp "bench/target/berth-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.berth.bench.PullRounds "$work/archive" $((rounds + 1)) "$work/rounds")
repo=127.0.0.1:$port/bench/debian-layers
for i in $(seq 0 "$rounds"); do
  skopeo copy -q --dest-tls-verify=false "docker-archive:${archives[$i]}" "docker://$repo:r$i"
  rm -f "${archives[$i]}"
done
image=$repo:r0

scripts/anchor-dockerd.sh start
mkdir -p "$run"
bin/berthd "${berth[@]}" --root "$work/root" --exec-root "$run" >"$work/berthd.log" 2>&1 &
berthd=$!
for _ in $(seq 100); do "$docker" "${berth[@]}" version >/dev/null 2>&1 && break; sleep 0.1; done

now() { date +%s.%N; }
# timed COMMAND...: seconds the command took (its output discarded)
timed() { local t0; t0=$(now); "$@" >/dev/null; echo "$(now) - $t0" | bc; }
forget() {
  for i in $(seq 0 "$rounds"); do "$docker" "$@" rmi -f "$repo:r$i" >/dev/null 2>&1 || true; done
  "$docker" "$@" image prune -af >/dev/null 2>&1 || true
}
berth_pull() { sync; timed "$docker" "${berth[@]}" pull -q "$repo:r$1"; }
docker_pull() { sync; timed "$docker" "${anchor[@]}" pull -q "$repo:r$1"; }
skopeo_pull() { sync; timed skopeo copy -q --src-tls-verify=false "docker://$repo:r$1" "oci:$work/oci-$1:latest"; }

# one untimed round each (image r0): JIT, caches
berth_pull 0 >/dev/null; docker_pull 0 >/dev/null; skopeo_pull 0 >/dev/null
declare -a B D S
for i in $(seq "$rounds"); do
  for k in 0 1 2; do
    case $(((i + k) % 3)) in
      0) B+=("$(berth_pull "$i")") ;;
      1) D+=("$(docker_pull "$i")") ;;
      *) S+=("$(skopeo_pull "$i")") ;;
    esac
  done
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mb=$(du -sb "$work/registry" | awk -v n=$((rounds + 1)) '{printf "%.1f", $1/n/1e6}')  # per image
b=$(median "${B[@]}"); d=$(median "${D[@]}"); s=$(median "${S[@]}")
echo "pull of $repo:rN ($mb MB each in the registry, gzipped layers), $rounds interleaved rounds, medians:"
printf '  %-50s %7.2f s   (%s)\n' "berthd pull (download+verify+extract)" "$b" "${B[*]}"
printf '  %-50s %7.2f s   (%s)\n' "docker pull via dockerd 20.10 (same)" "$d" "${D[*]}"
printf '  %-50s %7.2f s   (%s)\n' "skopeo copy to oci: (download+verify only)" "$s" "${S[*]}"
echo "  speed-up berth vs docker pull: $(echo "scale=2; $d / $b" | bc)x; berth/skopeo $(echo "scale=2; $b / $s" | bc)"
forget "${berth[@]}"; forget "${anchor[@]}"
