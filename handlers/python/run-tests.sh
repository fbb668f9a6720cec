#!/usr/bin/env bash
# The Python handler helper's tests: a venv of its own (created from PyPI on first use, by uv as the library's Python
# suite does: seconds where pip takes half a minute), the helper installed into it non-editable (as a Lambda bundle
# gets it), then pytest. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
tools=../../build/python-tools
[[ -x $tools/bin/uv ]] || { python3 -m venv "$tools" && "$tools/bin/pip" install -q --disable-pip-version-check uv; }
if [ ! -x .venv/bin/pytest ]; then
  "$tools/bin/uv" venv -q .venv
  VIRTUAL_ENV=$PWD/.venv "$tools/bin/uv" pip install -q "pytest>=8" "jsonschema>=4.23" "aws-lambda-powertools>=3.0"
fi
VIRTUAL_ENV=$PWD/.venv "$tools/bin/uv" pip install -q --reinstall --no-deps .
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
