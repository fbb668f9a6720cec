import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newHandler } from './util';
import { estimatePolicySize, estimateValueLength, FUNCTION_POLICY_SIZE_LIMIT, PermissionStatement } from '../src/policy-size';

describe('estimateValueLength', () => {
  test.each([
    ['a literal', 'apigateway.amazonaws.com', 24],
    ['the region', { Ref: 'AWS::Region' }, 14],
    ['the account', { Ref: 'AWS::AccountId' }, 12],
    ['a resource id', { Ref: 'ApiF70053CD' }, 10],
    ['an ARN attribute', { 'Fn::GetAtt': ['HandlerABC', 'Arn'] }, 117],
    ['a join', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':x']] }, 9],
    ['a join with a separator', { 'Fn::Join': ['/', ['a', 'b', 'c']] }, 5],
    ['an unknown intrinsic', { 'Fn::Sub': '${X}' }, 64],
    ['nothing', undefined, 0],
  ])('%s', (_what, value, length) => {
    expect(estimateValueLength(value)).toBe(length);
  });
});

/** A statement as aws-cdk-lib's LambdaIntegration writes it for one method. */
const methodPermission = (i: number): PermissionStatement => ({
  logicalId: `ApiordersGETApiPermissionShopApiGETorders${String(i).padStart(8, '0')}`,
  principal: 'apigateway.amazonaws.com',
  action: 'lambda:InvokeFunction',
  functionName: { 'Fn::GetAtt': ['Handler886CB40B', 'Arn'] },
  sourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:', { Ref: 'ApiF70053CD' }, '/', { Ref: 'Stage' }, '/GET/orders']] },
});

describe('estimatePolicySize', () => {
  test('is close to, and not below, the size of a real-looking statement', () => {
    const real = JSON.stringify({
      Version: '2012-10-17',
      Id: 'default',
      Statement: [{
        Sid: 'Shop-ApiordersGETApiPermissionShopApiGETorders0000-1A2B3C4D5E6F7',
        Effect: 'Allow',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:Shop-Handler886CB40B-AbCdEfGhIjKl',
        Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/orders' } },
      }],
    }).length;
    const estimate = estimatePolicySize([methodPermission(0)], 'Shop'.length);
    expect(estimate).toBeGreaterThanOrEqual(real);
    expect(estimate).toBeLessThan(real * 1.15);
  });

  test('grows by one statement and a comma per permission', () => {
    const one = estimatePolicySize([methodPermission(0)]);
    const two = estimatePolicySize([methodPermission(0), methodPermission(1)]);
    expect(two - one).toBe(one - estimatePolicySize([]) + 1);
  });

  test('an account principal and a source account count', () => {
    const service = estimatePolicySize([{ logicalId: 'P', principal: 's3.amazonaws.com', action: 'lambda:InvokeFunction', functionName: 'fn' }]);
    const account = estimatePolicySize([
      { logicalId: 'P', principal: '123456789012', action: 'lambda:InvokeFunction', functionName: 'fn', sourceAccount: '123456789012' },
    ]);
    expect(account).toBeGreaterThan(service);
  });

  test('puts the limit of a LambdaRestApi function where it is met on AWS: 20 to 30 methods (two permissions each)', () => {
    const app = new cdk.App();
    const stack = new cdk.Stack(app, 'OrdersServiceStack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const api = new apigateway.LambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false });
    const permissions = () => stack.node.findAll().filter((c): c is lambda.CfnPermission => c instanceof lambda.CfnPermission);
    const size = () => estimatePolicySize(permissions().map((p) => ({
      logicalId: stack.resolve(p.logicalId),
      principal: stack.resolve(p.principal),
      action: stack.resolve(p.action),
      functionName: stack.resolve(p.functionName),
      sourceArn: stack.resolve(p.sourceArn),
    })), stack.stackName.length);
    let methods = 0;
    while (size() <= FUNCTION_POLICY_SIZE_LIMIT) {
      api.root.addResource(`resource${++methods}`).addMethod('GET');
    }
    expect(methods).toBeGreaterThanOrEqual(20);
    expect(methods).toBeLessThanOrEqual(30);
  });
});
