#!/usr/bin/env bash
# Image load benchmark (root): Berth's ImageService.load vs `docker load` on the anchor dockerd
# vs plain tar extraction of the layers (the floor), ROUNDS interleaved (default 5); then the
# dedupe report. Starts the anchor (scripts/anchor-dockerd.sh) and always stops it again.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/setup.sh
work=$(mktemp -d /var/tmp/berth-load.XXXXXX)
trap 'scripts/anchor-dockerd.sh stop; rm -rf --one-file-system "$work"' EXIT
scripts/anchor-dockerd.sh start
bench/fixtures/debian-layers.sh "$work/debian-layers.tar"
eval "$(scripts/anchor-dockerd.sh env)"
export DOCKER_HOST
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
"$java" --enable-native-access=ALL-UNNAMED \
  -cp "bench/target/berth-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.berth.bench.ImageLoad \
  "$work/debian-layers.tar" "${1:-5}" "$work"
