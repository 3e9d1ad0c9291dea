# Sourced by the other scripts: makes Node >= 22 and Yarn 4 available without
# touching the system's own Node. Node comes from the npm registry
# (node-linux-<arch>@22) into .tools/, Yarn is the release committed under
# .yarn/releases, run by that Node.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_MAJOR_WANTED=22

node_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt "$NODE_MAJOR_WANTED" ]; then
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "Unsupported CPU $(uname -m): install Node $NODE_MAJOR_WANTED yourself." >&2; exit 1 ;;
  esac
  pkg="node-linux-$arch"
  NODE_HOME="$TOOLS/node/node_modules/$pkg"
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    command -v npm >/dev/null 2>&1 || { echo "Neither Node $NODE_MAJOR_WANTED nor npm is available: install Node.js first." >&2; exit 1; }
    echo "Node $(node -v 2>/dev/null || echo none) is older than $NODE_MAJOR_WANTED: fetching $pkg@$NODE_MAJOR_WANTED from the npm registry into .tools/node"
    npm install --silent --no-save --no-audit --no-fund --prefix "$TOOLS/node" "$pkg@$NODE_MAJOR_WANTED" >/dev/null
  fi
  export PATH="$NODE_HOME/bin:$PATH"
  # Native addons (better-sqlite3, isolated-vm) build against this Node's own
  # headers instead of downloading them.
  export npm_config_nodedir="$NODE_HOME"
fi

# Yarn: the committed release, run by the Node above, through a small shim so
# that tools which spawn `yarn` find the same one.
YARN_RELEASE="$(ls "$ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
mkdir -p "$TOOLS/bin"
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_RELEASE" > "$TOOLS/bin/yarn"
chmod +x "$TOOLS/bin/yarn"
export PATH="$TOOLS/bin:$PATH"
export YARN_ENABLE_TELEMETRY=0
cd "$ROOT"
