import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ResilientLambdaRestApi } from '../src';

const app = new cdk.App();
const stack = new cdk.Stack(app, 'ResilientApiExample');
const handler = new lambda.Function(stack, 'Handler', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
});
new ResilientLambdaRestApi(stack, 'Api', { handler });
app.synth();
