#!/usr/bin/env bash
# The README's first command: installs what is missing, builds Qalam, creates
# a demo site in demo-site/ (once) and serves it at http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh qalam
if [[ ! -f demo-site/qalam.db ]]; then
  build/qalam init --data demo-site
  # The page Qalam started from, when the shared fixtures sit beside the repo.
  if [[ -f ../shared/seed/seed-article.jsonl ]]; then
    build/qalam import --data demo-site ../shared/seed/seed-article.jsonl
  fi
fi
exec build/qalam serve --data demo-site --listen "${QALAM_LISTEN:-127.0.0.1:8080}"
