#!/usr/bin/env bash
# The full test suite: static checks, unit tests, then the real DNS lab on loopback with
# lab tests and browser tests in Chromium. The lab is always taken down at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
results=test-results
rm -rf "$results" && mkdir -p "$results"

bash scripts/install-system-deps.sh

echo "== static checks (tsc, svelte-check, eslint, prettier)"
npm run --silent check

run_project() {
  npx vitest run --project "$1" --reporter=default --reporter=json --outputFile="$results/$1.json"
}

echo "== unit tests"
run_project unit

echo "== build"
npm run --silent build

echo "== DNS lab up"
trap 'echo "== DNS lab down"; npm run --silent lab:down' EXIT
npm run --silent lab:up

echo "== lab tests"
run_project lab

echo "== browser tests"
run_project e2e

node scripts/summarise-tests.mjs "$results"/unit.json "$results"/lab.json "$results"/e2e.json
echo "suite took $(( $(date +%s) - started )) s"
