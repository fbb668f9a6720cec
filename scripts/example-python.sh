#!/usr/bin/env bash
# The README's Python quick start, as a user runs it: a fresh virtual environment from examples/python/requirements.txt
# (this package from the wheel in dist/python, the rest from PyPI), then `cdk synth` by the aws-cdk CLI, which runs
# `python3 app.py` as cdk.json says. Prints the template's path.
set -euo pipefail
cd "$(dirname "$0")/.."
wheel=$(ls "$PWD"/dist/python/resilient_lambda_rest_api-*-py3-none-any.whl 2>/dev/null | head -1)
[[ -n $wheel ]] || { echo "no wheel in dist/python: run 'npx projen build' (or 'npx projen package:python') first" >&2; exit 1; }
venv=$PWD/build/python-example
rm -rf "$venv" cdk.out/python
scripts/uv.sh venv -q "$venv"
VIRTUAL_ENV=$venv scripts/uv.sh pip install -q -r examples/python/requirements.txt "resilient-lambda-rest-api @ file://$wheel"
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
(cd examples/python && PATH=$venv/bin:$PATH npx cdk synth --quiet --output ../../cdk.out/python)
npx ts-node --prefer-ts-exts scripts/print-templates.ts cdk.out/python
