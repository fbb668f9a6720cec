#!/usr/bin/env bash
# The Python suite (test/python) in a fresh virtual environment, against the wheel in dist/python:
#   scripts/test-python.sh [floor]  aws-cdk-lib 2.257.0 and constructs 10.5.1 from PyPI (the supported minimum), then
#                                   mypy --strict over the tests and examples/python against the wheel's type hints
#   scripts/test-python.sh newest   the newest aws-cdk-lib and constructs on PyPI (pytest only: mypy takes two minutes)
# Every template the suite synthesizes is also written to build/templates/python-<floor|newest>, for cfn-lint.
# The TypeScript twins of the Python apps are synthesized with the aws-cdk-lib in node_modules, which must be the same
# version as the Python one (the template parity test compares them): in `newest` it is installed (--no-save) if it differs.
# uv (from PyPI) makes the environment: it installs aws-cdk-lib's 300 MB in seconds, where pip takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-floor}
case $which in
  floor) pins=(aws-cdk-lib==2.257.0 constructs==10.5.1) ;;
  newest) pins=(aws-cdk-lib constructs) ;;
  *) echo "usage: scripts/test-python.sh floor|newest" >&2; exit 2 ;;
esac
wheel=$(ls dist/python/resilient_lambda_rest_api-*-py3-none-any.whl 2>/dev/null | head -1)
[[ -n $wheel ]] || { echo "no wheel in dist/python: run 'npx projen build' (or 'npx projen package:python') first" >&2; exit 1; }

venv=build/python-$which
rm -rf "$venv"
scripts/uv.sh venv -q "$venv"
VIRTUAL_ENV=$PWD/$venv scripts/uv.sh pip install -q "${pins[@]}" 'cdk-nag>=3.0.2,<4' pytest mypy "$wheel"
py_cdk=$("$venv/bin/python" -c 'from importlib.metadata import version; print(version("aws-cdk-lib"))')
node_cdk=$(node -p 'require("aws-cdk-lib/package.json").version')
if [[ $py_cdk != "$node_cdk" ]]; then
  [[ $which == newest ]] || { echo "node_modules has aws-cdk-lib $node_cdk, the Python floor is $py_cdk: run 'npm ci' first" >&2; exit 1; }
  npm install --no-save --no-audit --no-fund "aws-cdk-lib@$py_cdk" >/dev/null
fi

twins=build/python-twins/$which
rm -rf "$twins"
npx ts-node --transpile-only test/python/twins.ts "$twins"
export TWIN_DIR=$PWD/$twins TEMPLATE_DUMP_DIR=$PWD/build/templates/python-$which
rm -rf "$TEMPLATE_DUMP_DIR"
# jsii prints a banner on Node.js 20 in every process it starts; the suite runs on the machine's Node.js as it is.
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
"$venv/bin/python" -m pytest test/python -q -p no:cacheprovider
if [[ $which == floor ]]; then
  "$venv/bin/python" -m mypy --strict --config-file test/python/mypy.ini test/python examples/python
fi
echo "Python suite passed at aws-cdk-lib $py_cdk ($which)"
