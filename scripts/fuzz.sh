#!/usr/bin/env bash
# Runs a libFuzzer target of tests/fuzz for SECONDS (ASan + UBSan, every
# report fatal):
#   scripts/fuzz.sh TARGET SECONDS   e.g. scripts/fuzz.sh markdown 600
#   scripts/fuzz.sh all SECONDS      every target, two at a time
#   scripts/fuzz.sh --list
# Builds the target in build-fuzz/ (clang, -DQALAM_FUZZ=ON; QALAM_FUZZ_BUILD
# names another directory) first. The corpus grows in build-fuzz/fuzz/TARGET/
# corpus (kept between runs) from the seeds in tests/fuzz/corpus/TARGET,
# with tests/fuzz/TARGET.dict when there is one; a crash, a leak, a
# sanitizer report or an input slower than 10 s is saved to
# build-fuzz/fuzz/TARGET/ and fails the run. Prints one line per target:
# runs, coverage (edges), features, corpus size and findings.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${QALAM_FUZZ_BUILD:-build-fuzz}"
targets=()
for f in tests/fuzz/*_fuzz.cc; do
  name="$(basename "$f" _fuzz.cc)"
  targets+=("$name")
done

if [[ "${1:-}" == "--list" ]]; then
  printf '%s\n' "${targets[@]}"
  exit 0
fi
if [[ $# -ne 2 || ! "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh TARGET|all SECONDS (targets: ${targets[*]})" >&2
  exit 2
fi
target="$1"
seconds="$2"
if [[ "$target" != all && ! " ${targets[*]} " =~ " $target " ]]; then
  echo "fuzz.sh: no target \"$target\" (targets: ${targets[*]})" >&2
  exit 2
fi

./scripts/sanitizer-build.sh "$build" >/dev/null
run=("$target")
[[ "$target" == all ]] && run=("${targets[@]}")
ninja -C "$build" $(printf 'fuzz_%s ' "${run[@]}") >/dev/null

# Inputs of a few KB reach every branch of these parsers; the WordPress
# export and images need room for a whole item or header.
max_len() {
  case "$1" in
    wxr|image|wp_content) echo 65536 ;;
    *) echo 8192 ;;
  esac
}

fuzz_one() {
  local name="$1" out="$build/fuzz/$1"
  mkdir -p "$out/corpus"
  local args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$name")"
              -print_final_stats=1 -artifact_prefix="$out/" -close_fd_mask=1)
  [[ -f "tests/fuzz/$name.dict" ]] && args+=(-dict="tests/fuzz/$name.dict")
  local log="$out/last.log" status=0
  ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:${ASAN_OPTIONS:-}" \
  LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    "$build/fuzz_$name" "${args[@]}" "$out/corpus" "tests/fuzz/corpus/$name" >"$log" 2>&1 || status=$?
  local runs cov ft corpus
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  ft="$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  corpus="$(find "$out/corpus" -type f | wc -l)"
  if (( status == 0 )); then
    printf '%-14s %5s s  %10s runs  cov %6s  ft %7s  corpus %5s  findings 0\n' \
      "$name" "$seconds" "${runs:-?}" "${cov:-?}" "${ft:-?}" "$corpus"
  else
    printf '%-14s FAILED (exit %s): see %s\n' "$name" "$status" "$log"
    grep -m1 -A30 -E '==ERROR|fuzz check failed|runtime error|Timeout|out-of-memory' "$log" || tail -30 "$log"
    return 1
  fi
}

rm -f "$build"/fuzz/*.failed
if [[ "$target" == all ]]; then
  # As many at a time as there are cores; each prints its own line.
  jobs_max="${QALAM_FUZZ_JOBS:-$(nproc)}"
  for name in "${run[@]}"; do
    while (( $(jobs -rp | wc -l) >= jobs_max )); do wait -n || true; done
    { fuzz_one "$name" || touch "$build/fuzz/$name.failed"; } &
  done
  wait
else
  fuzz_one "$target" || touch "$build/fuzz/$target.failed"
fi
! compgen -G "$build/fuzz/*.failed" >/dev/null
