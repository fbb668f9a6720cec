import * as fs from 'fs';
import * as path from 'path';
import { CORPUS, corpusFindings } from './corpus';
import { templateSources } from '../../src/audit/template-sources';

// Templates written here in the shapes real ones have (expanded SAM output, Swagger bodies with
// `paths: null`, intrinsics in timeouts and stage names, nested stacks, BodyS3Location, ...), each
// with the findings it must give in `<fixture>.findings`: a change in any rule shows up as a diff here.
// The files are reviewed by hand; no test rewrites them.
const TEMPLATE = /\.(json|ya?ml)$/;

const fixtures = fs.readdirSync(CORPUS).filter((f) => TEMPLATE.test(f) && fs.existsSync(path.join(CORPUS, `${f}.findings`))).sort();

test.each(fixtures)('%s gives the findings written beside it', (fixture) => {
  const expected = fs.readFileSync(path.join(CORPUS, `${fixture}.findings`), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  expect(corpusFindings(fixture)).toEqual(expected);
});

test('every template of the corpus is a fixture or a nested stack one reaches', () => {
  const reached = new Set(fixtures.flatMap((f) => templateSources(path.join(CORPUS, f)).map((s) => path.basename(s.file))));
  expect(fs.readdirSync(CORPUS).filter((f) => TEMPLATE.test(f) && !reached.has(f))).toEqual([]);
  expect(fixtures.length).toBeGreaterThanOrEqual(8);
});
