import { FunctionPolicyNearLimit } from '../../../src/nag/rules/function-policy-near-limit';
import { findings, lambdaFunction, permission, template } from '../fixtures';

/** A function with `count` method-scoped permissions, as aws-cdk-lib writes them. */
function withPermissions(count: number): any {
  const permissions = Array.from({ length: count }, (_, i) => permission(`/prod/GET/resource${i}`, `ApiResource${i}GETApiPermissionStackApiGET${i}`));
  return template(lambdaFunction(), ...permissions);
}

describe('FunctionPolicyNearLimit', () => {
  test('fires past 80 % of the cap, and hands over to FunctionPolicyTooLarge past the cap', () => {
    const sizes = [30, 40, 45, 50, 60].map((n) => [n, findings(FunctionPolicyNearLimit, withPermissions(n), 'MyServiceStack').length]);
    // Some count between 30 and 60 permissions is near the limit, and none fires both rules.
    expect(sizes.some(([, fired]) => fired === 1)).toBe(true);
    expect(findings(FunctionPolicyNearLimit, withPermissions(80), 'MyServiceStack')).toEqual([]);
  });

  test('does not fire far below the cap', () => {
    expect(findings(FunctionPolicyNearLimit, withPermissions(2))).toEqual([]);
  });
});
