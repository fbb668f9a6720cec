#!/usr/bin/env bash
# cfn-lint (newest from PyPI) over every template given (files, or folders searched for *.template.json; by default
# the examples' cdk.out, what the test suites wrote to build/templates, and the integ snapshot), each distinct template once. Fails on any error, and on any warning whose rule is not explained in the README's "what independent
# tools say" (a row naming its id, such as `W3005`): a new kind of warning must be looked at and explained.
set -euo pipefail
cd "$(dirname "$0")/.."
(($#)) || set -- cdk.out build/templates test/integ
venv=build/cfn-lint
[[ -x $venv/bin/cfn-lint ]] || { scripts/uv.sh venv -q "$venv" && VIRTUAL_ENV=$PWD/$venv scripts/uv.sh pip install -q cfn-lint; }

# A folder of its own per run, so that two runs (CI lints the tests' templates while the examples synthesize) can overlap.
mkdir -p build
work=$(mktemp -d build/cfn-lint-run.XXXXXX)
find "$@" -name '*.template.json' -type f 2>/dev/null | xargs -r sha1sum | sort -k1,1 -u | awk '{print $2}' > "$work/files"
count=$(wc -l < "$work/files")
((count > 0)) || { echo "no template found in $*" >&2; exit 1; }
# Two processes, one per core; cfn-lint's exit code is a bit mask of the levels found, so it is read from the JSON.
split -n r/2 -d "$work/files" "$work/chunk."
for chunk in "$work"/chunk.*; do
  [[ -s $chunk ]] || continue
  xargs -a "$chunk" "$venv/bin/cfn-lint" --format json > "$work/out.${chunk##*.}.json" &
done
wait || true
node - "$count" "$("$venv/bin/cfn-lint" --version)" "$work"/out.*.json <<'JS'
const fs = require('fs');
const [count, version, ...outputs] = process.argv.slice(2);
const matches = outputs.flatMap((file) => JSON.parse(fs.readFileSync(file, 'utf8') || '[]'));
const readme = fs.readFileSync('README.md', 'utf8');
const byRule = new Map();
for (const m of matches) {
  const key = `${m.Level} ${m.Rule.Id}`;
  byRule.set(key, [...(byRule.get(key) ?? []), m]);
}
const failures = [];
for (const [key, found] of [...byRule].sort()) {
  const [level, id] = key.split(' ');
  const explained = level !== 'Error' && readme.includes(`\`${id}\``);
  console.log(`${level.padEnd(13)} ${id} ${String(found.length).padStart(4)}  ${explained ? 'explained in the README' : 'NOT ALLOWED'}  e.g. ${found[0].Filename}: ${found[0].Message}`);
  if (!explained) failures.push(key);
}
console.log(`${version}: ${count} distinct templates, ${matches.length} findings, ${matches.filter((m) => m.Level === 'Error').length} errors`);
if (failures.length) {
  console.error(`cfn-lint: ${failures.join(', ')}: fix the templates, or explain a warning's rule id in the README's "what independent tools say"`);
  process.exit(1);
}
JS
