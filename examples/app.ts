// An API whose handler can fail in each way the error contract covers, one path per failure, so a
// user who deploys it can watch the contract: `curl -i $URL/timeout`, `/throw`, `/malformed`,
// `/orders/2` (a 404 of the handler's own), `/ok`. The handler (examples/handler) uses the handler
// helper, so each failure reaches the client in the contract's shape from the function itself.
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Annotations, Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { ResilientLambdaRestApi } from '../src';

const app = new cdk.App();
const stack = new cdk.Stack(app, 'ResilientApiExample');

const handler = new nodejs.NodejsFunction(stack, 'Handler', {
  runtime: lambda.Runtime.NODEJS_22_X,
  entry: path.join(__dirname, 'handler', 'index.ts'),
  bundling: { minify: true },
  // Longer than the integration timeout on purpose: /timeout shows the helper's 504 before API Gateway's.
  timeout: Duration.seconds(10),
});

const api = new ResilientLambdaRestApi(stack, 'Api', {
  handler,
  integrationOptions: { timeout: Duration.seconds(3) },
  // A fresh account has no API Gateway CloudWatch Logs role yet; in your own apps create it in one stack only.
  cloudWatchRole: true,
  defaultCorsPreflightOptions: { allowOrigins: ['https://example.com'] },
});
Annotations.of(api).acknowledgeWarning(
  'resilient-lambda-rest-api:functionTimeoutExceedsIntegrationTimeout',
  'The example outlives the integration timeout on purpose to demonstrate the 504.',
);

new cdk.CfnOutput(stack, 'ApiUrl', { value: api.url });
app.synth();
