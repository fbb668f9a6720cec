#!/usr/bin/env bash
# The Python handler helper's tests: a venv of its own (created from PyPI on first use), the helper
# installed into it non-editable (as a Lambda bundle gets it), then pytest. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/pytest ]; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "pytest>=8" "jsonschema>=4.23" "aws-lambda-powertools>=3.0"
fi
.venv/bin/pip install --quiet --disable-pip-version-check --no-deps --force-reinstall --no-build-isolation . 2>/dev/null \
  || .venv/bin/pip install --quiet --disable-pip-version-check --no-deps --force-reinstall .
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
