#!/usr/bin/env bash
# The main job: set up and build, make a busybox bundle, run a container from it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
bundle=$(mktemp -d /tmp/berth-main.XXXXXX)
trap 'rm -rf "$bundle"' EXIT
scripts/busybox-bundle.sh "$bundle" sh -c 'echo "hello from $(hostname), pid $$, as $(id -u)"; cat /proc/self/cgroup | head -3'
bin/berth-runtime run --bundle "$bundle" "main-$$"
