#!/usr/bin/env bash
# Runs uv (from PyPI), installing it first into build/python-tools if it is not there: the one tool every Python step
# uses to make its virtual environments (seconds where pip takes a minute). Usage: scripts/uv.sh UV-ARGS...
set -euo pipefail
tools=$(cd "$(dirname "$0")/.." && pwd)/build/python-tools
if [[ ! -x $tools/bin/uv ]]; then
  python3 -m venv "$tools"
  "$tools/bin/pip" install -q --disable-pip-version-check uv
fi
exec "$tools/bin/uv" "$@"
