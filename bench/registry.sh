#!/usr/bin/env bash
# Registry benchmark (root): Berth's registry vs Debian's docker-registry (distribution 2.8),
# side by side in one run on loopback, the same client (skopeo) for both:
#   push   — skopeo copy of a ~108 MB gzipped, 5-blob Debian image (bench/fixtures/debian-layers.sh,
#            ~225 MB uncompressed) from an OCI layout into an empty registry
#   pull   — one skopeo copy back out into an OCI layout on tmpfs
#   pull16 — 16 skopeo copies of that image at once (16 x 108 MB)
# ROUNDS (default 3) interleaved; each round starts both registries on fresh roots (untimed), so
# every push uploads every blob. Pulls land on /dev/shm so the clients' disk writes do not
# dominate. Trees are deleted only after the timed parts, at exit.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
rounds=${1:-3}
parallel=${PARALLEL:-16}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME=$java_home
[ -f berth-registry/target/berth-registry-0.1.0-SNAPSHOT.jar ] && [ "${BUILD:-1}" = 0 ] ||
  ./mvnw -q -o -B install -DskipTests -pl berth-registry -am
for tool in skopeo /usr/bin/docker-registry curl; do
  command -v "$tool" >/dev/null || { echo "registry.sh: $tool missing (scripts/setup.sh installs it)" >&2; exit 1; }
done

work=$(mktemp -d /var/tmp/berth-registry-bench.XXXXXX)
shm=$(mktemp -d /dev/shm/berth-registry-bench.XXXXXX)
pids=()
stop_servers() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
cleanup() {
  stop_servers
  rm -rf --one-file-system "$work" "$shm"
}
trap cleanup EXIT
# skopeo without credentials from the caller's files; set per call because docker-registry
# would read an exported REGISTRY_* variable as a configuration override
skopeo() { REGISTRY_AUTH_FILE=$work/no-auth.json command skopeo "$@"; }

bench/fixtures/debian-layers.sh "$work/debian-layers.tar"
# the pushed image: gzipped layers in an OCI layout, so a push only moves bytes (no compression)
skopeo --insecure-policy copy -q --dest-compress docker-archive:"$work/debian-layers.tar" \
  oci:"$work/src:bench"
rm -f "$work/debian-layers.tar"
bytes=$(du -cb "$work"/src/blobs/sha256/* | tail -1 | cut -f1)
blobs=$(ls "$work/src/blobs/sha256" | wc -l)

port_dr=5701
port_berth=5702
start_registries() {  # $1 = round
  mkdir -p "$work/dr-$1" "$work/berth-$1"
  cat > "$work/dr-$1.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/dr-$1
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port_dr
YML
  /usr/bin/docker-registry serve "$work/dr-$1.yml" >"$work/dr-$1.log" 2>&1 &
  pids+=($!)
  bin/berth-registry serve --addr 127.0.0.1:$port_berth --root "$work/berth-$1" \
    >"$work/berth-$1.log" 2>&1 &
  pids+=($!)
  for port in $port_dr $port_berth; do
    for _ in $(seq 1 200); do
      curl -fs -o /dev/null "http://127.0.0.1:$port/v2/" && break
      sleep 0.05
    done
    curl -fs -o /dev/null "http://127.0.0.1:$port/v2/" ||
      { echo "registry on :$port did not start" >&2; cat "$work"/*-"$1".log >&2; exit 1; }
  done
}

now() { date +%s.%N; }
declare -A push pull pull16
timed() {  # $1 = result var name, $2 = key; rest = command; appends the seconds
  local var=$1 key=$2; shift 2
  local t0 t1
  t0=$(now); "$@"; t1=$(now)
  local -n arr=$var
  arr[$key]="${arr[$key]:-} $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')"
}
pull_many() {  # $1 = port, $2 = round, $3 = name
  local i ps=()
  for i in $(seq 1 "$parallel"); do
    skopeo --insecure-policy copy -q --src-tls-verify=false \
      "docker://127.0.0.1:$1/bench/debian:1" "oci:$shm/$3-$2-p$i:x" &
    ps+=($!)
  done
  local rc=0
  for p in "${ps[@]}"; do wait "$p" || rc=1; done
  return $rc
}

echo "image: $blobs blobs, $((bytes / 1000000)) MB (gzipped) — $rounds rounds, $parallel parallel pulls, $(nproc) cores"
for round in $(seq 1 "$rounds"); do
  start_registries "$round"
  for name in docker-registry berth; do
    port=$port_dr; [ $name = berth ] && port=$port_berth
    timed push "$name" skopeo --insecure-policy copy -q --dest-tls-verify=false \
      "oci:$work/src:bench" "docker://127.0.0.1:$port/bench/debian:1"
    timed pull "$name" skopeo --insecure-policy copy -q --src-tls-verify=false \
      "docker://127.0.0.1:$port/bench/debian:1" "oci:$shm/$name-$round-single:x"
    timed pull16 "$name" pull_many "$port" "$round" "$name"
    rm -rf "$shm"/*  # tmpfs: frees memory, not a slow-disk delete
  done
  stop_servers
done

report() {  # $1 = label, $2 = array name, $3 = bytes moved per run
  local -n arr=$2
  for name in docker-registry berth; do
    # shellcheck disable=SC2086
    echo "$1 $name ${arr[$name]}" | awk -v b="$3" '{
      n = 0; s = 0; min = 1e9
      for (i = 3; i <= NF; i++) { n++; s += $i; if ($i < min) min = $i }
      v = ""; for (i = 3; i <= NF; i++) v = v " " $i
      printf "%-7s %-16s mean %7.2f s  best %7.2f s  %8.1f MB/s (best)   runs:%s\n",
        $1, $2, s / n, min, b / min / 1e6, v }'
  done
}
echo
report push push "$bytes"
report pull pull "$bytes"
report pull$parallel pull16 "$((bytes * parallel))"
