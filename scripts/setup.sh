#!/usr/bin/env bash
# Installs what a fresh machine of this kind lacks, then builds everything (shim and jars).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for pkg in gcc make pkg-config libseccomp-dev busybox-static runc iproute2 attr docker.io debootstrap python3-docker \
    containernetworking-plugins skopeo docker-registry apache2-utils docker-compose; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ ! -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && [ -z "${JAVA_HOME:-}" ]; then
  echo "setup: JDK 25 not found at /usr/lib/jvm/temurin-25-jdk-amd64; set JAVA_HOME" >&2
  exit 1
fi
./mvnw -q -B install -DskipTests
# one run of the command line leaves its class-data archive (see bin/berth-runtime)
spec_dir=$(mktemp -d)
bin/berth-runtime spec --bundle "$spec_dir" && rm -rf "$spec_dir"
