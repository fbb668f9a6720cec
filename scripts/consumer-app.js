// A consumer's app, written against the installed package only (no access to the source tree).
const assert = require('assert');
const cdk = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const { Template } = require('aws-cdk-lib/assertions');
const { ResilientLambdaRestApi } = require('resilient-lambda-rest-api');

const app = new cdk.App();
const stack = new cdk.Stack(app, 'ConsumerStack');
const handler = new lambda.Function(stack, 'Handler', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
});
const api = new ResilientLambdaRestApi(stack, 'Api', { handler });
assert.ok(api instanceof require('aws-cdk-lib/aws-apigateway').LambdaRestApi, 'the installed construct is a LambdaRestApi');

const template = Template.fromStack(stack);
template.resourceCountIs('AWS::ApiGateway::RestApi', 1);

template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'INTEGRATION_TIMEOUT', StatusCode: '504' });
const assembly = app.synth();
console.log(`consumer-check: the packed library synthesized ${assembly.getStackByName('ConsumerStack').templateFullPath} with aws-cdk-lib ${require('aws-cdk-lib/package.json').version}`);
