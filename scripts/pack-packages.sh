#!/usr/bin/env bash
# Builds and packs every published package (plugins/* and packages/fleet-cli:
# every workspace that is not private) into one directory, exactly as
# `npm publish` would ship it: `yarn pack` runs each package's prepack
# (`backstage-cli package prepack` swaps in publishConfig: dist entry points)
# and replaces `workspace:^` ranges with the real versions.
#
# usage: bash scripts/pack-packages.sh [OUT_DIR]   (default: dist-packs/)
#        SKIP_BUILD=1 bash scripts/pack-packages.sh OUT_DIR   (dist/ already built)
source "$(dirname "$0")/env.sh"
out="$(mkdir -p "${1:-$ROOT/dist-packs}" && cd "${1:-$ROOT/dist-packs}" && pwd)"

if [ -z "${SKIP_BUILD:-}" ]; then
  # backstage-cli package build bundles the declarations from dist-types/,
  # which only the repository-wide type check writes. tsc writes them even
  # when it reports errors (CI's type check is the gate for those); a
  # declaration that is really broken fails the package build below.
  echo "== yarn tsc (declarations in dist-types/)"
  tsc_log="$(mktemp)"
  yarn tsc --pretty false >"$tsc_log" 2>&1 ||
    { echo "warning: yarn tsc reported errors:"; grep -E 'error TS' "$tsc_log" | head -n 8; }
  rm -f "$tsc_log"
  echo "== backstage-cli package build, every published package"
  yarn workspaces foreach --all --no-private --topological run build
fi

echo "== yarn pack, every published package, into $out"
# %s is the package name with its slash replaced (@flux-fleet/x -> @flux-fleet-x), %v its version
yarn workspaces foreach --all --no-private pack --out "$out/%s-%v.tgz"
ls -l "$out"
