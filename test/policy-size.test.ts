import { FUNCTION_POLICY_LIMIT_BYTES, functionPolicies, generatedName, POLICY_SIZE_WARNING_FRACTION, resolveValue } from '../src/policy-size';
import { lambdaFunction, permission, template } from './nag/fixtures';

describe('functionPolicies', () => {
  test('estimates one policy per function, growing with each statement', () => {
    const one = functionPolicies(template(lambdaFunction(), permission('/prod/*/*')), 'MyStack');
    const two = functionPolicies(template(lambdaFunction(), permission('/prod/*/*', 'P1'), permission('/test-invoke-stage/*/*', 'P2')), 'MyStack');
    expect(one).toEqual([{ functionLogicalId: 'Fn', permissions: 1, bytes: expect.any(Number) }]);
    expect(two[0].permissions).toBe(2);
    expect(two[0].bytes).toBeGreaterThan(one[0].bytes + 300);
  });

  test('tolerates values it cannot resolve (a parameter, an import, another attribute)', () => {
    const t = template(lambdaFunction(), {
      P: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'FunctionParam' }, Principal: 'apigateway.amazonaws.com', SourceArn: { 'Fn::ImportValue': 'ApiArn' } } },
    });
    expect(functionPolicies(t, 'MyStack')[0].bytes).toBeGreaterThan(200);
    expect(resolveValue({ 'Fn::GetAtt': ['Fn', 'Arn'] }, t, 'MyStack')).toMatch(/^arn:aws:lambda:us-east-1:123456789012:function:MyStack-Fn-/);
  });

  test('generated names keep the length CloudFormation gives them', () => {
    expect(generatedName('S'.repeat(200), 'Fn', 64)).toHaveLength(64);
  });

  test('the warning threshold is 80 % of 20 KB', () => {
    expect(FUNCTION_POLICY_LIMIT_BYTES * POLICY_SIZE_WARNING_FRACTION).toBe(16_384);
  });
});
