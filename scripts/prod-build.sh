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
#        SKIP_BUILD=1 reuses packages/backend/dist
source "$(dirname "$0")/env.sh"
PORT="${PORT:-7007}"
DATABASES="${DATABASES:-sqlite postgres}"
image="$(mktemp -d /tmp/fleet-prod.XXXXXX)"
started=$(date +%s)
step() { echo; echo "== $* ($(($(date +%s) - started)) s)"; }
server=""
stop_server() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  server=""
}
cleanup() {
  stop_server
  if [ -z "${KEEP:-}" ]; then rm -rf "$image"; else echo "kept $image"; fi
}
trap cleanup EXIT

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
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
t0=$(date +%s)
(cd "$image" && NODE_ENV=production yarn workspaces focus --all --production >focus.log 2>&1) ||
  { tail -n 30 "$image/focus.log"; exit 1; }
echo "yarn workspaces focus --all --production took $(($(date +%s) - t0)) s"
cp -r examples "$image/"
cp app-config*.yaml "$image/"
rm -f "$image"/app-config.local.yaml
tar xzf "$dist/bundle.tar.gz" -C "$image"
echo "image /app: $(du -sh "$image" | cut -f1) (node_modules $(du -sh "$image/node_modules" | cut -f1)), without the node:24-trixie-slim base"

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
      ;;
    *) echo "unknown database $db" >&2; exit 2 ;;
  esac
  # a development `yarn start` may have taken the port since: answers must come from this process
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "port $PORT is in use: set PORT" >&2; exit 1
  fi
  t0=$(date +%s%N)
  (cd "$image" && NODE_ENV=production exec node packages/backend \
    --config app-config.yaml --config app-config.production.yaml "${extra[@]}" >"backend-$db.log" 2>&1) &
  server=$!
  until curl -sf "http://localhost:$PORT/api/fleet/health" >/dev/null; do
    kill -0 "$server" 2>/dev/null || { tail -n 40 "$image/backend-$db.log"; exit 1; }
    sleep 0.2
  done
  kill -0 "$server" 2>/dev/null || { tail -n 40 "$image/backend-$db.log"; exit 1; }
  echo "started: /api/fleet/health answered $((($(date +%s%N) - t0) / 1000000)) ms after node started"
  curl -sf "http://localhost:$PORT/" | grep -q '<div id="root">' ||
    { echo "GET / on :$PORT is not the app's index.html" >&2; exit 1; }
  echo "ok   GET / on :$PORT serves the app's index.html (app-backend)"
  node scripts/lib/checkFleetInstall.js "http://localhost:$PORT" "http://localhost:$PORT" \
    "$ROOT/docs/production-$db.png" || { tail -n 40 "$image/backend-$db.log"; exit 1; }
  echo "backend RSS after the checks: $(($(ps -o rss= -p "$server") / 1024)) MB"
  stop_server
done

step "production build checks passed"
