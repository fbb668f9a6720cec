#!/usr/bin/env bash
# The Python handler helper's tests: a venv of its own (created from PyPI on first use, by uv as the library's Python
# suite does: seconds where pip takes half a minute), the helper installed into it non-editable (as a Lambda bundle
# gets it), then pytest. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
uv=../../scripts/uv.sh
if [ ! -x .venv/bin/pytest ]; then
  $uv venv -q .venv
  VIRTUAL_ENV=$PWD/.venv $uv pip install -q "pytest>=8" "jsonschema>=4.23" "aws-lambda-powertools>=3.0"
fi
VIRTUAL_ENV=$PWD/.venv $uv pip install -q --reinstall --no-deps .
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
