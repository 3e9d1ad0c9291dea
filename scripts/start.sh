#!/usr/bin/env bash
# Installs everything and starts Backstage (frontend :3000, backend :7007)
# with the Fleet plugins on the bundled example fleet (examples/fleet).
source "$(dirname "$0")/env.sh"
yarn install
exec yarn start "$@"
