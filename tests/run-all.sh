#!/usr/bin/env bash
# Runs every test: unit, integration (real server, real clients, SQLite and
# PostgreSQL) and end-to-end (real Chromium). Installs Debian's chromium when
# it is missing, builds the app, and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the end-to-end tests..."
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium install failed"
  else
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium install failed"
  fi
fi

echo "Building the app..."
if ! npm run build > tests/.build.log 2>&1; then
  cat tests/.build.log
  echo "0 passed, 1 failed"
  exit 1
fi

mkdir -p tests/.artifacts
status=0
for project in unit integration e2e; do
  echo "=== $project tests ==="
  npx vitest run --project "$project" --reporter=default --reporter=json \
    --outputFile.json="tests/.artifacts/$project.json" || status=1
done

node tests/summarize.mjs tests/.artifacts/unit.json tests/.artifacts/integration.json tests/.artifacts/e2e.json || status=1
exit $status
