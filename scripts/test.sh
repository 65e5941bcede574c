#!/usr/bin/env bash
# Runs every test: set up and build, then the unit and integration tests (as root: they start
# real containers).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
./mvnw -B verify
# the shim on its own, driven by a Python stand-in for the Java caller
python3 native/test/shim_test.py
