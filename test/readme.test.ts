import * as fs from 'fs';
import * as path from 'path';
import { applyBlocks, generatedBlocks, README_PATH } from '../scripts/readme';

describe('README', () => {
  const readme = fs.readFileSync(README_PATH, 'utf8');

  test('its generated tables match the code (run `npx projen readme` after a change)', () => {
    expect(applyBlocks(readme, generatedBlocks())).toBe(readme);
  });

  test('keeps the two commands that work on a fresh clone', () => {
    expect(readme).toContain('npm ci && npx projen example');
    expect(readme).toContain('npm ci && npx projen build');
  });

  test('says unverified wherever the facts are', () => {
    expect(readme.match(/\*unverified\*/g)!.length).toBeGreaterThanOrEqual(3);
  });

  test('applyBlocks refuses a README without the markers', () => {
    expect(() => applyBlocks('no markers', { x: 'y' })).toThrow(/no <!-- generated:x -->/);
  });
});

test('every warning id the code raises is in the README\'s table', () => {
  const readme = fs.readFileSync(README_PATH, 'utf8');
  const srcDir = path.join(__dirname, '..', 'src');
  const ids = new Set<string>();
  // The rule pack's ids (src/nag/) are not warnings: they have a generated table of their own.
  const files = (fs.readdirSync(srcDir, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') && !file.startsWith('nag'));
  for (const file of files) {
    const text = fs.readFileSync(path.join(srcDir, file), 'utf8');
    for (const m of text.matchAll(/id: '([a-zA-Z]+)'|warnings\.([a-zA-Z]+) =/g)) {
      ids.add(m[1] ?? m[2]);
    }
  }
  expect(ids.size).toBeGreaterThanOrEqual(13);
  for (const id of ids) {
    expect(readme).toContain(`| \`${id}\` |`);
  }
});

test('the 504 default of a bare INTEGRATION_FAILURE is marked as documented, not observed', () => {
  const readme = fs.readFileSync(README_PATH, 'utf8');
  const paragraphs = readme.split(/\n\s*\n/)
    .filter((p) => !/^(\||<!--)/.test(p.trim()) && /INTEGRATION_FAILURE/.test(p) && /\b504\b/.test(p) && /default/.test(p));
  expect(paragraphs.length).toBeGreaterThan(0);
  for (const paragraph of paragraphs) {
    expect(paragraph).toContain('*unverified*');
  }
});

test('the migration section says how to get past an execution log group API Gateway already created', () => {
  const readme = fs.readFileSync(README_PATH, 'utf8');
  const migration = readme.slice(readme.indexOf('## Migrating from `LambdaRestApi`'), readme.indexOf('## The error contract'));
  expect(migration).toContain('API-Gateway-Execution-Logs_{restApiId}/{stageName}');
  expect(migration).toMatch(/cdk import \S+ --force --resource-mapping/);
  expect(migration).toContain('--import-existing-resources');
  expect(migration).toContain('aws logs put-retention-policy');
});
