import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { FunctionPolicyTooLarge } from '../../../src/nag/rules/function-policy-too-large';
import { newHandler } from '../../util';
import { findings, lambdaFunction, permission, template } from '../fixtures';

/** A plain LambdaRestApi with `methods` GET methods: two method-scoped permissions each. */
export function plainApiTemplate(methods: number): any {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'PlainStack');
  const api = new apigateway.LambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false });
  for (let i = 0; i < methods; i++) {
    api.root.addResource(`r${i}`).addMethod('GET');
  }
  return app.synth().getStackByName('PlainStack').template;
}

describe('FunctionPolicyTooLarge', () => {
  test('fires on a plain LambdaRestApi with 30 methods on one function', () => {
    expect(findings(FunctionPolicyTooLarge, plainApiTemplate(30), 'PlainStack')).toEqual([
      expect.stringMatching(/^Handler886CB40B: 60 permissions, about \d+ bytes of 20480$/),
    ]);
  });

  test('does not fire on two API-scoped permissions', () => {
    expect(findings(FunctionPolicyTooLarge, template(lambdaFunction(), permission('/prod/*/*', 'P1'), permission('/test-invoke-stage/*/*', 'P2')))).toEqual([]);
  });
});
