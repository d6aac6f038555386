#!/usr/bin/env bash
# The README's second command (and what CI runs): installs what is missing,
# builds, and runs every suite with ctest: unit, integration (the real binary
# on a free port) and browser (headless Debian chromium via playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh --test
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
# Re-configure so CMake sees the browser suite's node_modules.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
