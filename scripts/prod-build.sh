#!/usr/bin/env bash
# Production build, checked without a Docker engine (none on these machines):
# runs the same steps as packages/backend/Dockerfile, in a temporary directory
# standing in for the image's /app, then starts the backend the way the
# image's CMD does and checks that it serves the Fleet page, the fleet API and
# the catalog from the backend's one port, on SQLite and on PostgreSQL.
#
#  host:  yarn tsc; yarn build:backend  (bundle.tar.gz + skeleton.tar.gz, the
#         app built into the bundle and served by app-backend)
#  image: unpack skeleton; yarn workspaces focus --all --production; copy
#         examples/ and app-config*.yaml; unpack bundle
#  CMD:   NODE_ENV=production node packages/backend --config app-config.yaml
#         --config app-config.production.yaml
#
# usage: bash scripts/prod-build.sh
# env:   DATABASES ("sqlite postgres"), PORT (7007), KEEP=1 keeps the directory,
#        SKIP_BUILD=1 reuses packages/backend/dist, FRESH_NATIVE=1 compiles
#        better-sqlite3 in the image instead of reusing this repository's
#        build of the same release
source "$(dirname "$0")/env.sh"
PORT="${PORT:-7007}"
DATABASES="${DATABASES:-sqlite postgres}"
image="$(mktemp -d /tmp/fleet-prod.XXXXXX)"
source scripts/lib/steps.sh # env.sh has moved to the repository root
server=""
stop_server() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  server=""
}
cleanup() {
  stop_server
  steps_summary
  if [ -z "${KEEP:-}" ]; then rm -rf "$image"; else echo "kept $image"; fi
}
trap cleanup EXIT

if port_in_use "$PORT"; then
  echo "port $PORT is in use: set PORT" >&2; exit 1
fi
bash scripts/ensure-test-deps.sh >/dev/null

if [ -z "${SKIP_BUILD:-}" ]; then
  step "host: yarn tsc"
  # as the Dockerfile's host steps; type errors are CI's gate, not the bundle's
  yarn tsc --pretty false >"$image/tsc.log" 2>&1 ||
    { echo "warning: yarn tsc reported errors:"; grep -E 'error TS' "$image/tsc.log" | head -n 8; }
  step "host: yarn build:backend (builds the app into the bundle)"
  t0=$(date +%s)
  yarn build:backend
  echo "yarn build:backend took $(($(date +%s) - t0)) s"
fi
dist=packages/backend/dist
echo "bundle.tar.gz $(du -h "$dist/bundle.tar.gz" | cut -f1), skeleton.tar.gz $(du -h "$dist/skeleton.tar.gz" | cut -f1)"

step "image: skeleton, production dependencies, examples, bundle (as the Dockerfile)"
cp -r .yarn .yarnrc.yml backstage.json yarn.lock package.json "$image/"
rm -rf "$image/.yarn/cache" "$image/.yarn/install-state.gz"
tar xzf "$dist/skeleton.tar.gz" -C "$image"
# better-sqlite3 is the one production dependency that compiles (its
# prebuilt binaries come from GitHub, unreachable here): over 20 min under
# load. The image's Node is the host's (Dockerfile), so the addon this
# repository's install built for the same release is the one the image would
# build; install scripts off and that addon copied in, unless FRESH_NATIVE=1.
# The other install scripts of the production closure are optional
# (cpu-features for ssh2) or advertisements (core-js).
scripts_on=true
[ -z "${FRESH_NATIVE:-}" ] && scripts_on=false
t0=$(date +%s)
(cd "$image" && NODE_ENV=production YARN_ENABLE_SCRIPTS=$scripts_on npm_config_build_from_source=true \
  yarn workspaces focus --all --production >focus.log 2>&1) ||
  { tail -n 30 "$image/focus.log"; exit 1; }
echo "yarn workspaces focus --all --production (install scripts: $scripts_on) took $(($(date +%s) - t0)) s"
if [ "$scripts_on" = false ]; then
  ours="$(node -p 'require("./node_modules/better-sqlite3/package.json").version')"
  theirs="$(cd "$image" && node -p 'require("./node_modules/better-sqlite3/package.json").version')"
  [ "$ours" = "$theirs" ] || { echo "better-sqlite3 $theirs in the image, $ours here: FRESH_NATIVE=1" >&2; exit 1; }
  cp -r node_modules/better-sqlite3/build "$image/node_modules/better-sqlite3/"
  echo "better-sqlite3 $ours: the addon built by this repository's install, copied in"
fi
(cd "$image" && node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()") ||
  { echo "better-sqlite3 does not load in the image" >&2; exit 1; }
cp -r examples "$image/"
cp app-config*.yaml "$image/"
rm -f "$image"/app-config.local.yaml
tar xzf "$dist/bundle.tar.gz" -C "$image"
echo "image /app: $(du -sh "$image" | cut -f1) (node_modules $(du -sh "$image/node_modules" | cut -f1)), without the node:22-trixie-slim base"

# Only what differs from the image's CMD: the port; the guest sign-in the
# browser check uses (Backstage refuses it under NODE_ENV=production unless
# allowed; a real deployment configures a real provider instead); for
# PostgreSQL a database prefix so the check shares no database with the tests.
cat >"$image/app-config.check.yaml" <<EOF
app:
  baseUrl: http://localhost:$PORT
backend:
  baseUrl: http://localhost:$PORT
  listen: ':$PORT'
auth:
  providers:
    guest:
      dangerouslyAllowOutsideDevelopment: true
EOF
cat >"$image/app-config.sqlite.yaml" <<EOF
backend:
  database:
    client: better-sqlite3
    connection: ':memory:'
EOF
cat >"$image/app-config.pg-prefix.yaml" <<EOF
backend:
  database:
    prefix: fleet_prod_check_
EOF

for db in $DATABASES; do
  step "run the production backend on $db, port $PORT"
  extra=(--config app-config.check.yaml)
  case "$db" in
    sqlite) extra+=(--config app-config.sqlite.yaml) ;;
    postgres)
      extra+=(--config app-config.pg-prefix.yaml)
      export POSTGRES_HOST=localhost POSTGRES_PORT=5432 POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres
      # a first start, as a new deployment's: no databases left by an earlier check
      for d in $(PGPASSWORD=postgres psql -h localhost -U postgres -tAc \
        "select datname from pg_database where datname like 'fleet_prod_check_%'"); do
        PGPASSWORD=postgres psql -h localhost -U postgres -qc "drop database \"$d\"" >/dev/null
      done
      ;;
    *) echo "unknown database $db" >&2; exit 2 ;;
  esac
  # a development `yarn start` may have taken the port since: answers must come from this process
  if port_in_use "$PORT"; then
    echo "port $PORT is in use: set PORT" >&2; exit 1
  fi
  t0=$(date +%s%N)
  (cd "$image" && NODE_ENV=production exec node packages/backend \
    --config app-config.yaml --config app-config.production.yaml "${extra[@]}" >"backend-$db.log" 2>&1) &
  server=$!
  alive() { kill -0 "$server" 2>/dev/null || { tail -n 40 "$image/backend-$db.log"; exit 1; }; }
  until curl -sf "http://localhost:$PORT/api/fleet/health" >/dev/null; do alive; sleep 0.2; done
  alive
  echo "started: /api/fleet/health answered $((($(date +%s%N) - t0) / 1000000)) ms after node started"
  # the fleet plugin answers as soon as it is up; app-backend (the page) and
  # the catalog answer 503 until every plugin has started
  until curl -sf "http://localhost:$PORT/" 2>/dev/null | grep -q '<div id="root">'; do
    alive
    [ $((($(date +%s%N) - t0) / 1000000000)) -lt 600 ] ||
      { echo "GET / on :$PORT is not the app's index.html after 600 s" >&2; exit 1; }
    sleep 0.5
  done
  echo "started: GET / served the app's index.html $((($(date +%s%N) - t0) / 1000000)) ms after node started"
  # CPU time (user + system, all threads) the backend spent until then: a
  # figure the machine's load does not stretch the way it stretches wall time
  echo "started: $(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$server/stat") s of CPU time until then"
  echo "ok   GET / on :$PORT serves the app's index.html (app-backend)"
  node scripts/lib/checkFleetInstall.js "http://localhost:$PORT" "http://localhost:$PORT" \
    "$ROOT/docs/production-$db.png" || { tail -n 40 "$image/backend-$db.log"; exit 1; }
  echo "backend RSS after the checks: $(($(ps -o rss= -p "$server") / 1024)) MB"
  stop_server
done

step "production build checks passed"
