// An API whose handler can fail in each way the error contract covers, one path per failure, so a
// user who deploys it can watch the contract: `curl -i $URL/timeout`, `/throw`, `/malformed`, `/ok`.
import * as cdk from 'aws-cdk-lib';
import { Annotations, Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ResilientLambdaRestApi } from '../src';

const HANDLER = `
exports.handler = async (event) => {
  switch (event.path) {
    case '/timeout':
      // Runs past the 3 s integration timeout: the client gets 504 INTEGRATION_TIMEOUT.
      await new Promise((resolve) => setTimeout(resolve, 6000));
      return { statusCode: 200, body: 'too late' };
    case '/throw':
      // An unhandled error: 502 INTEGRATION_FAILURE.
      throw new Error('something broke in the handler');
    case '/malformed':
      // Not a {statusCode, headers, body} proxy response: 502 or 500, see the README.
      return 'this is not a proxy response';
    default:
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true, path: event.path }) };
  }
};
`;

const app = new cdk.App();
const stack = new cdk.Stack(app, 'ResilientApiExample');

const handler = new lambda.Function(stack, 'Handler', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(HANDLER),
  // Longer than the integration timeout on purpose, so /timeout can show the 504.
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
