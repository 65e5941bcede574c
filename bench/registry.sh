#!/usr/bin/env bash
# Registry benchmark (root): Berth's registry vs Debian's docker-registry (distribution 2.8),
# side by side in one run on loopback, the same client (skopeo) for both:
#   push   — skopeo copy of a ~108 MB gzipped, 5-blob Debian image (bench/fixtures/debian-layers.sh,
#            ~225 MB uncompressed) from an OCI layout into an empty registry
#   pull   — one skopeo copy back out into an OCI layout on tmpfs
#   pull16 — 16 skopeo copies of that image at once (16 x 108 MB)
#   curl16 — 16 curl clients at once, each fetching every blob of the image: the same load with
#            a client light enough that the server, not the client, sets the pace
# Each line also gives the CPU seconds the registry process itself used (from /proc): on a small
# machine skopeo's own hashing and writing takes most of the CPU, and that is what the server
# leaves to its clients. A second line per phase splits the machine's time: the clients' CPU
# (every process the phase started), "other" (the rest of the busy time: loopback softirq work
# charged to no process, plus anything else running then; another build skews a run, and this
# shows when), and idle (cores waiting, not working). "per GB" divides server and client CPU by
# the bytes served; "GB/server-CPU-s" is what one second of the server's CPU delivers. A third
# line gives the ratio of mean wall times.
# ROUNDS (default 3) interleaved; each round starts both registries on fresh roots (untimed), so
# every push uploads every blob, then warms both up alike (untimed): a push and a pull of a
# different 32 MB image, so a just-started JVM's compiler does not count against a service that
# runs for days. Pulls land on /dev/shm so the clients' disk writes do not
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
  pid_of=()
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
# config and layer digests: what a puller GETs as blobs (the manifest comes from /manifests/)
mapfile -t layer_digests < <(python3 - "$work/src" <<'PY'
import json, sys
root = sys.argv[1]
index = json.load(open(root + "/index.json"))
m = json.load(open(root + "/blobs/" + index["manifests"][0]["digest"].replace(":", "/")))
for d in [m["config"]] + m["layers"]:
    print(d["digest"])
PY
)
blob_bytes=0
for d in "${layer_digests[@]}"; do
  blob_bytes=$((blob_bytes + $(stat -c %s "$work/src/blobs/${d/://}")))
done

# the warm-up image: one 32 MB layer of random files, nothing shared with the measured image
python3 - "$work/warm" <<'PY'
import gzip, hashlib, io, json, os, sys, tarfile
root = sys.argv[1]
os.makedirs(root + "/blobs/sha256")
def put(data):
    d = hashlib.sha256(data).hexdigest()
    open(root + "/blobs/sha256/" + d, "wb").write(data)
    return "sha256:" + d, len(data)
raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w") as t:
    for i in range(8):
        data = os.urandom(4 << 20)
        info = tarfile.TarInfo("warm/f%d" % i); info.size = len(data)
        t.addfile(info, io.BytesIO(data))
diff = "sha256:" + hashlib.sha256(raw.getvalue()).hexdigest()
layer, lsize = put(gzip.compress(raw.getvalue(), 1))
config, csize = put(json.dumps({"architecture": "amd64", "os": "linux",
    "rootfs": {"type": "layers", "diff_ids": [diff]}}).encode())
manifest, msize = put(json.dumps({"schemaVersion": 2,
    "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config, "size": csize},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer, "size": lsize}]}).encode())
open(root + "/oci-layout", "w").write('{"imageLayoutVersion":"1.0.0"}')
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
    "digest": manifest, "size": msize, "annotations": {"org.opencontainers.image.ref.name": "warm"}}]},
    open(root + "/index.json", "w"))
PY

names=(docker-registry berth)
declare -A port=([docker-registry]=5701 [berth]=5702)
declare -A pid_of
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
  addr: 127.0.0.1:${port[docker-registry]}
YML
  /usr/bin/docker-registry serve "$work/dr-$1.yml" >"$work/dr-$1.log" 2>&1 &
  pids+=($!); pid_of[docker-registry]=$!
  bin/berth-registry serve --addr "127.0.0.1:${port[berth]}" --root "$work/berth-$1" \
    >"$work/berth-$1.log" 2>&1 &
  pids+=($!); pid_of[berth]=$!
  for name in "${names[@]}"; do
    local p=${port[$name]}
    for _ in $(seq 1 200); do
      curl -fs -o /dev/null "http://127.0.0.1:$p/v2/" && break
      sleep 0.05
    done
    curl -fs -o /dev/null "http://127.0.0.1:$p/v2/" ||
      { echo "$name on :$p did not start" >&2; cat "$work"/*-"$1".log >&2; exit 1; }
  done
}

now() { date +%s.%N; }
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
# CPU of this shell's waited-for children: the clients a phase ran (the registries are waited
# for only at the end of a round, so they do not count here)
children_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%.2f", ($14 + $15) / hz}' "/proc/$$/stat"
}
# the whole machine's busy CPU seconds (user, nice, system, irq, softirq, steal)
busy_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '/^cpu /{printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat
}
declare -A push pull pull16 curl16 cpu_push cpu_pull cpu_pull16 cpu_curl16
declare -A clients_push clients_pull clients_pull16 clients_curl16
declare -A busy_push busy_pull busy_pull16 busy_curl16
timed() {  # $1 = phase, $2 = registry, $3 = its pid; rest = command; appends seconds and CPU
  local phase=$1 key=$2 pid=$3; shift 3
  local t0 t1 c0 c1 k0 k1 b0 b1
  c0=$(cpu "$pid"); k0=$(children_cpu); b0=$(busy_cpu); t0=$(now)
  "$@"
  t1=$(now); c1=$(cpu "$pid"); k1=$(children_cpu); b1=$(busy_cpu)
  local -n arr=$phase
  local -n used=cpu_$phase
  local -n clients=clients_$phase
  local -n busy=busy_$phase
  arr[$key]="${arr[$key]:-} $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')"
  used[$key]="${used[$key]:-} $(awk -v a="$c0" -v b="$c1" 'BEGIN{printf "%.2f", b-a}')"
  clients[$key]="${clients[$key]:-} $(awk -v a="$k0" -v b="$k1" 'BEGIN{printf "%.2f", b-a}')"
  busy[$key]="${busy[$key]:-} $(awk -v a="$b0" -v b="$b1" 'BEGIN{printf "%.2f", b-a}')"
}
pull_many() {  # $1 = port, $2 = round, $3 = name
  local i ps=()
  for i in $(seq 1 "$parallel"); do
    skopeo --insecure-policy copy -q --src-tls-verify=false \
      "docker://127.0.0.1:$1/bench/debian:1" "oci:$shm/$3-$2-p$i:x" &
    ps+=($!)
  done
  local rc=0
  local child
  for child in "${ps[@]}"; do wait "$child" || rc=1; done
  return $rc
}
curl_many() {  # $1 = port: each client GETs every blob over one connection
  local i d ps=() args=()
  for d in "${layer_digests[@]}"; do
    args+=(-o /dev/null "http://127.0.0.1:$1/v2/bench/debian/blobs/$d")
  done
  for i in $(seq 1 "$parallel"); do
    curl -sf "${args[@]}" &
    ps+=($!)
  done
  local rc=0
  local child
  for child in "${ps[@]}"; do wait "$child" || rc=1; done
  return $rc
}

echo "image: $blobs blobs, $((bytes / 1000000)) MB (gzipped) — $rounds rounds, $parallel parallel pulls, $(nproc) cores"
for round in $(seq 1 "$rounds"); do
  start_registries "$round"
  for name in "${names[@]}"; do
    skopeo --insecure-policy copy -q --dest-tls-verify=false "oci:$work/warm:warm" \
      "docker://127.0.0.1:${port[$name]}/warm/up:1"
    skopeo --insecure-policy copy -q --src-tls-verify=false \
      "docker://127.0.0.1:${port[$name]}/warm/up:1" "oci:$shm/warm-$name:x"
  done
  rm -rf "$shm"/*
  for name in "${names[@]}"; do
    p=${port[$name]}; pid=${pid_of[$name]}
    timed push "$name" "$pid" skopeo --insecure-policy copy -q --dest-tls-verify=false \
      "oci:$work/src:bench" "docker://127.0.0.1:$p/bench/debian:1"
    timed pull "$name" "$pid" skopeo --insecure-policy copy -q --src-tls-verify=false \
      "docker://127.0.0.1:$p/bench/debian:1" "oci:$shm/$name-$round-single:x"
    timed pull16 "$name" "$pid" pull_many "$p" "$round" "$name"
    timed curl16 "$name" "$pid" curl_many "$p"
    rm -rf "$shm"/*  # tmpfs: frees memory, not a slow-disk delete
  done
  stop_servers
done

report() {  # $1 = label, $2 = phase, $3 = bytes moved per run
  local -n arr=$2
  local -n used=cpu_$2
  local -n clients_cpu=clients_$2
  local -n busy_all=busy_$2
  for name in "${names[@]}"; do
    # shellcheck disable=SC2086
    echo "$1 $name ${arr[$name]} / ${used[$name]}" | awk -v b="$3" '{
      n = 0; s = 0; min = 1e9; c = 0; cpu = 0; v = ""
      for (i = 3; i <= NF && $i != "/"; i++) { n++; s += $i; if ($i < min) min = $i; v = v " " $i }
      for (i++; i <= NF; i++) { c++; cpu += $i }
      printf "%-7s %-16s mean %6.2f s  best %6.2f s  %7.1f MB/s (mean)  server CPU %5.2f s   runs:%s\n",
        $1, $2, s / n, min, b / (s / n) / 1e6, cpu / c, v }'
    # shellcheck disable=SC2086
    echo "${used[$name]} / ${clients_cpu[$name]} / ${busy_all[$name]} / ${arr[$name]}" |
      awk -v b="$3" -v cores="$(nproc)" '{
      k = 0
      for (i = 1; i <= NF; i++) { if ($i == "/") { k++; continue } sum[k] += $i; cnt[k]++ }
      server = sum[0] / cnt[0]; clients = sum[1] / cnt[1]; other = sum[2] / cnt[2] - server - clients
      idle = sum[3] / cnt[3] * cores - sum[2] / cnt[2]
      gb = b / 1e9
      printf "%-24s clients CPU %5.2f s  other CPU %5.2f s  idle %5.2f s  per GB: server %5.2f s, clients %5.2f s  %6.2f GB/server-CPU-s\n",
        "", clients, other, (idle > 0 ? idle : 0), server / gb, clients / gb, (server > 0 ? gb / server : 0) }'
  done
  # shellcheck disable=SC2086
  echo "${arr[docker-registry]} / ${arr[berth]}" | awk -v label="$1" '{
    k = 0
    for (i = 1; i <= NF; i++) { if ($i == "/") { k++; continue } sum[k] += $i; cnt[k]++ }
    printf "%-7s berth vs docker-registry: %.2fx (mean wall time)\n", label, (sum[0] / cnt[0]) / (sum[1] / cnt[1]) }'
}
echo
report push push "$bytes"
report pull pull "$bytes"
report "pull$parallel" pull16 "$((bytes * parallel))"
report "curl$parallel" curl16 "$((blob_bytes * parallel))"
