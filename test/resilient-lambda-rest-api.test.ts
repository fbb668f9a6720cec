import * as cdk from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ResilientLambdaRestApi } from '../src';

test('is a LambdaRestApi', () => {
  const stack = new cdk.Stack();
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
  });
  const api = new ResilientLambdaRestApi(stack, 'Api', { handler });
  expect(api).toBeInstanceOf(apigateway.LambdaRestApi);
  Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::RestApi', 1);
});
