#!/usr/bin/env bash
# ThreadSanitizer on the server's concurrent parts, by hand (it is not part
# of scripts/test.sh: a TSan build is a third build of everything):
#   scripts/tsan.sh
# Builds qalam with -DQALAM_TSAN=ON (clang) in build-tsan/, then drives it
# with the release build's integration tests that write and read at once
# (QALAM_BIN=build-tsan/qalam): readers' comments, desk publishing (the
# related-articles refresher), breaking news and imports from other
# processes (change polling and purges) and the crash test's kills; and
# with wrk reading the home and article pages while imports purge them
# (the page cache's single flight under load, the worker pool). Reports go
# to build-tsan/tsan-logs/; the script fails when there is any.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
build=build-tsan
CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQALAM_TSAN=ON \
  -DBUILD_TESTING=OFF >/dev/null
ninja -C "$build" qalam
# The test driver need not be instrumented: QALAM_TESTS names another build's.
tests="${QALAM_TESTS:-build/integration_tests}"
[[ -x "$tests" ]] || ninja -C build integration_tests
logs="$root/$build/tsan-logs"
rm -rf "$logs" && mkdir -p "$logs"
export TSAN_OPTIONS="log_path=$logs/tsan:halt_on_error=0:second_deadlock_stack=1:history_size=4:suppressions=$root/tests/sanitizers/tsan.supp"
export QALAM_BIN="$root/$build/qalam"

echo "== integration tests against the TSan server"
QALAM_CRASH_ROUNDS="${QALAM_CRASH_ROUNDS:-3}" "$tests" \
  --gtest_filter='CrashTest.*:BackupTest.*:ArticlesTest.*:ModerationQueueTest.*:FeaturedImagePurgeTest.*:HomeLayoutTest.*:SlowClientsTest.*' \
  || echo "(a test failed under TSan; its reports, if any, follow)"

echo "== wrk on home and article while imports purge them"
tmp="$(mktemp -d)"
server=""
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
"$QALAM_BIN" init --data "$tmp/site" >/dev/null
"$QALAM_BIN" import --data "$tmp/site" ../shared/seed/seed-article.jsonl >/dev/null
port=18$((RANDOM % 900 + 100))
"$QALAM_BIN" serve --data "$tmp/site" --listen "127.0.0.1:$port" --access-log off --threads 4 --io-threads 2 \
  >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
article="$(curl -fs "http://127.0.0.1:$port/" | grep -o 'href="/article/[^"]*"' | head -1 | cut -d'"' -f2)"
(
  for i in $(seq 20); do
    printf '{"id": "tsan-%s", "title": "خبر %s", "published_at": "2026-01-01", "section": "أخبار", "body": "نص %s."}\n' \
      "$i" "$i" "$i" >"$tmp/a.jsonl"
    "$QALAM_BIN" import --data "$tmp/site" "$tmp/a.jsonl" >/dev/null
    "$QALAM_BIN" breaking add --data "$tmp/site" "عاجل $i" >/dev/null
    sleep 0.5
  done
) &
writer=$!
wrk -t2 -c32 -d15s "http://127.0.0.1:$port/" | grep -E "Requests/sec|Non-2xx" || true
wrk -t2 -c32 -d10s "http://127.0.0.1:$port$article" | grep -E "Requests/sec|Non-2xx" || true
wait "$writer"
kill -TERM "$server"; wait "$server" || true
server=""

if compgen -G "$logs/*" >/dev/null; then
  echo "TSan reports: $(grep -h '^WARNING: ThreadSanitizer' "$logs"/* | sort | uniq -c)"
  grep -h -A12 '^WARNING: ThreadSanitizer' "$logs"/* | head -120
  exit 1
fi
echo "TSan: no reports"
