#!/usr/bin/env bash
# Runs every test: set up and build, then the unit and integration tests (as root: they start
# real containers).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
./mvnw -B verify
