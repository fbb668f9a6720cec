#!/usr/bin/env bash
# Installs the packed npm tarball into a fresh app next to the oldest aws-cdk-lib and constructs it admits (the
# minimum of its peer ranges) and synthesizes a stack with it, so a broken `files`/`main`/`types` entry, a missing
# dependency or a peer range the floor does not satisfy fails here, not at a user's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tarball=$(ls "$root"/dist/js/resilient-lambda-rest-api@*.tgz 2>/dev/null | head -1 || true)
[[ -n $tarball ]] || { echo "consumer-check: no dist/js/resilient-lambda-rest-api@*.tgz; run 'npx projen build' first" >&2; exit 1; }
# The peer minimum (^x.y.z -> x.y.z), read from the tarball itself.
peer_min() { tar -xOzf "$tarball" package/package.json | node -e "process.stdout.write(JSON.parse(require('fs').readFileSync(0, 'utf8')).peerDependencies['$1'].replace(/^[\^~]/, ''))"; }
cdk_version=$(peer_min aws-cdk-lib)
constructs_version=$(peer_min constructs)

app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT
cd "$app"
npm init -y >/dev/null
# --strict-peer-deps: any peer range the floor does not satisfy is an error, not a warning.
echo "consumer-check: installing the tarball next to aws-cdk-lib@$cdk_version and constructs@$constructs_version"
npm install --no-audit --no-fund --prefer-offline --strict-peer-deps --loglevel=error "$tarball" "aws-cdk-lib@$cdk_version" "constructs@$constructs_version" >/dev/null
cp "$root/scripts/consumer-app.js" app.js
node app.js
