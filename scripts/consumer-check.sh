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
output=$(node app.js)
echo "$output"
template=$(echo "$output" | sed -n "s/^consumer-check: the packed library synthesized \(.*\) with aws-cdk-lib .*$/\1/p")
[[ -f $template ]] || { echo "consumer-check: the app did not say where its template is" >&2; exit 1; }

# The package's command runs the same rules on the synthesized template: nothing to find, exit 0.
npx --no-install resilient-lambda-rest-api audit "$template"
# ... and exit 1 on a template with an error (INTEGRATION_FAILURE customised without a status code).
cat > broken.template.json <<'JSON'
{"Resources":{"Api":{"Type":"AWS::ApiGateway::RestApi","Properties":{"Name":"a"}},
 "Failure":{"Type":"AWS::ApiGateway::GatewayResponse","Properties":{"RestApiId":{"Ref":"Api"},"ResponseType":"INTEGRATION_FAILURE"}}}}
JSON
if npx --no-install resilient-lambda-rest-api audit broken.template.json; then
  echo "consumer-check: audit exited 0 on a template with an error" >&2
  exit 1
fi
echo "consumer-check: npx resilient-lambda-rest-api audit works from the packed tarball"
