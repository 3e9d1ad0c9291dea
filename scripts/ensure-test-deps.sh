#!/usr/bin/env bash
# Installs the system packages the tests need when they are missing:
# Debian's Chromium (Playwright drives it; its own browser download is not
# reachable here) and kubectl (the kustomize oracle of the differential tests).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "Missing ${need[*]}: install them (Debian: apt-get install ${need[*]})" >&2; exit 1
  fi
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "Installing ${need[*]} from Debian's packages"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v kubectl >/dev/null 2>&1 || { echo "kubectl (with its built-in kustomize) is required by the differential tests" >&2; exit 1; }
echo "chromium: $(chromium --version 2>/dev/null | head -1); kubectl: $(kubectl version --client 2>/dev/null | head -1)"

# PostgreSQL, Backstage's production database: the catalog integration tests
# run on it as well as on SQLite. Debian's server is installed but not running.
if command -v pg_ctlcluster >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  pg_ctlcluster 15 main start 2>/dev/null || pg_ctlcluster 15 main status >/dev/null
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  echo "postgresql: $(su postgres -c 'psql -tAc "select version()"' | cut -d' ' -f1-2) on localhost:5432"
else
  echo "PostgreSQL 15 (pg_ctlcluster, as root) is required by the integration tests" >&2; exit 1
fi
