import * as fs from 'fs';
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
