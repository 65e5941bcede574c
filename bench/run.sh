#!/usr/bin/env bash
# Side-by-side benchmarks (root): start-to-exit latency vs runc and unshare, shim RSS.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/setup.sh
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
exec "$java" --enable-native-access=ALL-UNNAMED -Dberth.shim="$top/native/build/berth-shim" \
  -cp "bench/target/berth-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.berth.bench.StartLatency "$top" "${1:-50}"
