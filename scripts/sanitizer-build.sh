#!/usr/bin/env bash
# Configures DIR (default build-fuzz) as the sanitizer build that
# scripts/test.sh --sanitize and scripts/fuzz.sh share: clang with
# AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer's coverage
# (-DQALAM_FUZZ=ON), at -O1. Re-running it picks up new source files.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build-fuzz}"
CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQALAM_FUZZ=ON
