#!/usr/bin/env bash
# Installs the packed npm tarball into a fresh app next to aws-cdk-lib and synthesizes a stack with it,
# so a broken `files`/`main`/`types` entry or a missing dependency fails here, not at a user's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tarball=$(ls "$root"/dist/js/resilient-lambda-rest-api@*.tgz 2>/dev/null | head -1 || true)
[[ -n $tarball ]] || { echo "consumer-check: no dist/js/resilient-lambda-rest-api@*.tgz; run 'npx projen build' first" >&2; exit 1; }
cdk_version=$(node -p "require('$root/node_modules/aws-cdk-lib/package.json').version")
constructs_version=$(node -p "require('$root/node_modules/constructs/package.json').version")

app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT
cd "$app"
npm init -y >/dev/null
npm install --no-audit --no-fund --prefer-offline --loglevel=error "$tarball" "aws-cdk-lib@$cdk_version" "constructs@$constructs_version" >/dev/null
cp "$root/scripts/consumer-app.js" app.js
output=$(node app.js)
echo "$output"
template=$(echo "$output" | sed -n "s/^consumer-check: the packed library synthesized //p")
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
