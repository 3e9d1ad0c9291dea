#!/usr/bin/env bash
# Installs everything and runs every check: type check, API reports, lint, unit and
# integration tests (incl. the kubectl differential suite), then the
# end-to-end tests in headless Chromium against the real app and backend.
source "$(dirname "$0")/env.sh"
started=$(date +%s)
step() { echo; echo "== $* ($(($(date +%s) - started)) s)"; }

step "yarn install"
if [ -n "${CI:-}" ]; then yarn install --immutable; else yarn install; fi

step "system packages for the tests (kubectl is the kustomize oracle; Chromium for e2e)"
bash scripts/ensure-test-deps.sh
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres:postgres@localhost:5432"
export FLEET_REQUIRE_POSTGRES=1

step "type check"
yarn tsc

step "API reports (fails on an unreported change of a package's public API)"
yarn api-reports:check

step "lint"
yarn lint:all

step "unit and integration tests"
CI=true yarn test

step "end-to-end tests"
CI=true yarn test:e2e

step "all passed"
