#!/usr/bin/env bash
# Builds the Python wheel and sdist into dist/python without PyPI: jsii-pacmak generates the code only,
# Debian's python3-build packs it (no isolated env, so nothing is downloaded), twine checks the metadata.
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 -c 'import build, twine' 2>/dev/null || {
  echo "package:python-offline needs Debian's python3-build and twine: apt-get install -y python3-build twine" >&2
  exit 1
}
src=build/pacmak
rm -rf "$src" dist/python
jsii-pacmak --target python --code-only --outdir "$src"
/usr/bin/python3 -m build --no-isolation --skip-dependency-check --outdir dist/python "$src/python"
/usr/bin/python3 -m twine check --strict dist/python/*
ls dist/python
