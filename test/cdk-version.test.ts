import * as fs from 'fs';
import { cdkVersionAtLeast, FINDING_ACKNOWLEDGEMENT_CDK_VERSION, INSTALLED_CDK_VERSION } from '../src/cdk-version';

test.each<[string, string, boolean]>([
  ['2.269.0', '2.269.0', true],
  ['2.276.0', '2.269.0', true],
  ['2.268.9', '2.269.0', false],
  ['2.257.0', '2.269.0', false],
  ['3.0.0', '2.269.0', true],
  ['2.1000.0', '2.269.0', true],
  ['2.269.1', '2.269.0', true],
  ['2.269.0-rc.1', '2.269.0', true],
  ['2.26.0', '2.269.0', false],
])('%s is at least %s: %s', (version, minimum, expected) => {
  expect(cdkVersionAtLeast(version, minimum)).toBe(expected);
});

test('the installed version is the aws-cdk-lib the tests load', () => {
  const pkg = JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8'));
  expect(INSTALLED_CDK_VERSION).toBe(pkg.version);
  expect(INSTALLED_CDK_VERSION).toMatch(/^2\.\d+\.\d+$/);
});

test('the finding acknowledgement needs a version inside the supported range (newer than the peer minimum)', () => {
  const floor = JSON.parse(fs.readFileSync(require.resolve('../package.json'), 'utf8')).peerDependencies['aws-cdk-lib'].replace(/^\^/, '');
  expect(cdkVersionAtLeast(FINDING_ACKNOWLEDGEMENT_CDK_VERSION, floor)).toBe(true);
});
