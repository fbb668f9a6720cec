import { readFileSync } from 'fs';

/**
 * The first aws-cdk-lib whose `Validations.acknowledge` accepts the id of one cdk-nag finding, such as
 * `AwsSolutions-IAM5[Resource::arn:…]`: older releases reject any `::` after the rule's prefix.
 */
export const FINDING_ACKNOWLEDGEMENT_CDK_VERSION = '2.269.0';

/** The aws-cdk-lib the app runs with: a peer dependency, so the user's copy, anywhere in the supported range. */
export const INSTALLED_CDK_VERSION: string = JSON.parse(readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version;

/** Whether `version` (x.y.z, any pre-release suffix ignored) is `minimum` or newer. */
export function cdkVersionAtLeast(version: string, minimum: string): boolean {
  const parse = (v: string) => v.split(/[-+]/)[0].split('.').map(Number);
  const [have, need] = [parse(version), parse(minimum)];
  for (let i = 0; i < need.length; i++) {
    if ((have[i] ?? 0) !== need[i]) {
      return (have[i] ?? 0) > need[i];
    }
  }
  return true;
}
