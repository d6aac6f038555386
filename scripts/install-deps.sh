#!/usr/bin/env bash
# Installs, from Debian's packages only, what Qalam needs: to build and run
# it (default; the build bundles the desk's rich editor with esbuild from the
# npm packages its lockfile pins, so it needs Node.js and npm too), and with
# --test also to test it (GoogleTest, chromium, python3-jsonschema for the
# Content API's OpenAPI check, clang for the sanitizer and fuzzing build).
# Idempotent: installs only what is missing.
set -euo pipefail

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

packages=(
  g++ cmake ninja-build ccache pkg-config
  libboost-dev libsqlite3-dev libicu-dev libkainjow-mustache-dev nlohmann-json3-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev libcli11-dev libspdlog-dev
  libfmt-dev libstemmer-dev libsodium-dev libvips-dev libfasttext-dev libxml2-dev libgumbo-dev libarchive-dev
  libssl-dev ca-certificates  fonts-noto-core curl esbuild
)
if (( want_test )); then
  packages+=(libgtest-dev libgmock-dev chromium python3-feedparser libxml2-utils python3-jsonschema)
  # The sanitizer build and the fuzz targets (scripts/test.sh, scripts/fuzz.sh):
  # clang with its sanitizer and libFuzzer runtimes.
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere (e.g. a newer nodejs that bundles npm):
# only ask Debian for it when there is no node or npm at all.
if ! { command -v node >/dev/null && command -v npm >/dev/null; }; then
  missing+=(nodejs npm)
fi

if (( ${#missing[@]} )); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi
