#!/usr/bin/env bash
# `npm run package:forge`: packages the Forge app with Atlassian's own bundler, as `forge deploy`
# does, and checks the bundle (scripts/package-forge.cjs). The bundler comes with the Forge CLI,
# so it is installed apart, once, into node_modules/.cache — never into every user's `npm ci`.
# --ignore-scripts: the CLI's keychain module (keytar) would build a native addon that packaging
# never uses.
set -euo pipefail
cd "$(dirname "$0")/.."
version=7.3.0
home=node_modules/.cache/forge-bundler-$version
if [ ! -d "$home/node_modules/@forge/bundler" ]; then
  mkdir -p "$home"
  echo '{"private":true}' > "$home/package.json"
  npm install --prefix "$home" --no-audit --no-fund --ignore-scripts --loglevel=error "@forge/bundler@$version"
fi
node scripts/package-forge.cjs "$home"
