#!/usr/bin/env bash
# `npm test`: every check, cheapest first, stopping at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step "lint (biome)"
npx biome check .
step "typecheck (tsc)"
npx tsc --noEmit -p .
step "boundaries (import graph, dependencies)"
npx tsx tools/boundaries/check.ts
step "unit + integration (vitest)"
npx vitest run
step "build (next build)"
npx next build
step "end to end (playwright, chromium)"
npx tsx test/e2e/run.ts
