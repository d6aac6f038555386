#!/usr/bin/env bash
# The README's second command (and what CI runs): installs what is missing,
# builds, and runs every suite with ctest: unit, integration (the real binary
# on a free port) and browser (headless Debian chromium via playwright-core);
# then the unit and integration suites again in the sanitizer build
# (AddressSanitizer + UndefinedBehaviorSanitizer, clang, build-fuzz/), and
# every fuzz target for a short run (scripts/fuzz.sh, 30 s each).
#   --no-sanitize   the first part only (a quicker run while developing)
#   --sanitize      the sanitizer build's suites and the fuzz targets only
# Other arguments go to ctest (e.g. -R Markdown).
# In CI (CI=true) the unit and integration suites run once, in the
# sanitizer build, and the release build makes only the binary the browser
# suite drives and the layer checks: the same suites in half the build time.
set -euo pipefail
cd "$(dirname "$0")/.."
normal=1
sanitize=1
ctest_args=()
for arg in "$@"; do
  case "$arg" in
    --no-sanitize) sanitize=0 ;;
    --sanitize) normal=0 ;;
    *) ctest_args+=("$arg") ;;
  esac
done
./scripts/install-deps.sh --test

if (( normal )); then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
  # Re-configure so CMake sees the browser suite's node_modules.
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  if [[ "${CI:-}" == true && $sanitize == 1 ]]; then
    ninja -C build qalam
    ctest --test-dir build --output-on-failure -j "$(nproc)" -R '^(browser|layers\.)' "${ctest_args[@]}"
  else
    ninja -C build
    ctest --test-dir build --output-on-failure -j "$(nproc)" "${ctest_args[@]}"
  fi
fi

if (( sanitize )); then
  build=build-fuzz
  ./scripts/sanitizer-build.sh "$build" >/dev/null
  ninja -C "$build" qalam unit_tests integration_tests fuzzers
  # Every process a test starts (the server, the command line) reports into
  # sanitizer-logs/ instead of dying quietly behind a test: any report there
  # fails the run, whatever the tests said.
  logs="$PWD/$build/sanitizer-logs"
  rm -rf "$logs" && mkdir -p "$logs"
  export ASAN_OPTIONS="log_path=$logs/asan:detect_leaks=1:abort_on_error=0:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=0"
  export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/sanitizers/ubsan.supp"
  status=0
  ctest --test-dir "$build" --output-on-failure -j "$(nproc)" -L 'unit|integration' \
    -E '^layers\.' "${ctest_args[@]}" || status=$?
  if compgen -G "$logs/*" >/dev/null; then
    echo "sanitizer reports:" >&2
    head -n 60 "$logs"/* >&2
    status=1
  fi
  (( status == 0 )) || exit "$status"
  unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
  ./scripts/fuzz.sh all "${QALAM_FUZZ_SECONDS:-30}"
fi
