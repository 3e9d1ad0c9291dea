#!/usr/bin/env bash
# Install test: the Fleet packages as another team's Backstage app meets them.
#
#  1. builds and packs every published package (scripts/pack-packages.sh);
#  2. creates a fresh app with @backstage/create-app (the release matching
#     backstage.json) in a temporary directory, without its own install;
#  3. wires the tarballs in exactly as the package READMEs say
#     (scripts/lib/installTestWire.js: backend.add lines, new frontend system
#     feature, the legacy snippet), on the example fleet and catalog;
#  4. yarn install (with this repository's resolutions for the registry's
#     lagging platform binaries) and yarn tsc in the fresh app;
#  5. yarn start (app on $APP_PORT, backend on $BACKEND_PORT, away from a
#     development `yarn start`) and checks the fleet API, the catalog entities
#     and the podinfo deployedTo relations, and the Fleet page in Chromium
#     (scripts/lib/checkFleetInstall.js).
#
# usage: bash scripts/install-test.sh
# env:   CREATE_APP_VERSION (default 0.9.2), APP_PORT (3100), BACKEND_PORT (7107),
#        KEEP=1 keeps the temporary directory, SKIP_BUILD=1 reuses dist/,
#        FRESH_NATIVE=1 compiles better-sqlite3 instead of reusing this
#        repository's build of the same release
source "$(dirname "$0")/env.sh"
CREATE_APP_VERSION="${CREATE_APP_VERSION:-0.9.2}"
APP_PORT="${APP_PORT:-3100}"
BACKEND_PORT="${BACKEND_PORT:-7107}"
work="$(mktemp -d /tmp/fleet-install-test.XXXXXX)"
app="$work/fleet-install-test"
log="$work/logs"
mkdir -p "$log"
source scripts/lib/steps.sh # env.sh has moved to the repository root
server=""
cleanup() {
  # the app's `yarn start` runs in its own process group (setsid): end it whole
  if [ -n "$server" ]; then kill -- "-$server" 2>/dev/null || true; fi
  steps_summary
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT

for port in "$APP_PORT" "$BACKEND_PORT"; do
  if port_in_use "$port"; then
    echo "port $port is in use: set APP_PORT / BACKEND_PORT" >&2; exit 1
  fi
done
bash scripts/ensure-test-deps.sh >/dev/null

step "build and pack the published packages"
bash scripts/pack-packages.sh "$work/packs" | tail -n 12

step "create a fresh app: @backstage/create-app@$CREATE_APP_VERSION"
(cd "$work" && BACKSTAGE_APP_NAME=fleet-install-test \
  npx --yes "@backstage/create-app@$CREATE_APP_VERSION" --skip-install >"$log/create-app.log" 2>&1) ||
  { tail -n 30 "$log/create-app.log"; exit 1; }
echo "created $app (backstage.json: $(cat "$app/backstage.json" | tr -d ' \n'))"

step "wire the packages as the READMEs say"
node scripts/lib/installTestWire.js "$app" "$work/packs" "$ROOT" "$APP_PORT" "$BACKEND_PORT"

step "yarn install in the fresh app"
# Packages come from Yarn's global cache (~/.yarn/berry/cache, shared with
# this repository's install); native addons that must compile build against
# the Node headers env.sh set up (npm_config_nodedir) and skip the prebuilt
# download attempt, which goes to GitHub (unreachable here).
(cd "$app" && YARN_ENABLE_IMMUTABLE_INSTALLS=false npm_config_build_from_source=true \
  yarn install >"$log/install.log" 2>&1) ||
  { grep -E 'YN0001|YN0009|YN0082|YN0018|YN0028' "$log/install.log" | head -n 20; exit 1; }
tail -n 1 "$log/install.log"
# the addons built once in this repository (installTestWire.js, reuse-native.txt)
while read -r name from; do
  [ -n "$name" ] || continue
  rm -rf "$app/node_modules/$name/build" && cp -r "$from" "$app/node_modules/$name/build"
  (cd "$app/packages/backend" && node -e "require('$name')") || exit 1
  echo "$name: reused the addon built in this repository ($from)"
done <"$app/fleet-packs/reuse-native.txt"

step "yarn tsc in the fresh app (wiring and legacy snippet against the published types)"
(cd "$app" && yarn tsc >"$log/tsc.log" 2>&1) || { head -n 40 "$log/tsc.log"; exit 1; }

step "yarn start in the fresh app (app :$APP_PORT, backend :$BACKEND_PORT)"
(cd "$app" && exec setsid yarn start >"$log/start.log" 2>&1) &
server=$!
if ! node scripts/lib/checkFleetInstall.js "http://localhost:$BACKEND_PORT" \
  "http://localhost:$APP_PORT" "$work/install-test-fleet-page.png"; then
  echo "--- last lines of yarn start:"; tail -n 40 "$log/start.log"; exit 1
fi
mkdir -p "$ROOT/docs" && cp "$work/install-test-fleet-page.png" "$ROOT/docs/"

step "install test passed"
