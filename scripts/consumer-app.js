// A consumer's app, written against the installed package only (no access to the source tree).
const assert = require('assert');
const cdk = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const { Template } = require('aws-cdk-lib/assertions');
const library = require('resilient-lambda-rest-api');

// The entry point loads each module on first use (scripts/lazy-index.ts): an app that uses the construct
// alone loads neither cdk-nag nor the YAML parser.
const loaded = (pkg) => Object.keys(require.cache).some((file) => file.includes(`/node_modules/${pkg}/`));
const { ResilientLambdaRestApi } = library;
assert.ok(!loaded('cdk-nag') && !loaded('yaml'), 'loading the package and ResilientLambdaRestApi loads neither cdk-nag nor yaml');

// cdk.out in the app's folder, as `cdk synth` writes it (a temporary outdir is removed when node exits).
const app = new cdk.App({ outdir: 'cdk.out' });
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
// The rule pack loads with the installed cdk-nag (a peer dependency) and finds nothing on the construct.
assert.ok(!loaded('cdk-nag'), 'cdk-nag is not loaded before ResilienceChecks is read');
const report = new library.ResilienceChecks().validateScope(stack);
assert.ok(loaded('cdk-nag'), 'reading ResilienceChecks loads cdk-nag');
assert.deepStrictEqual(report.violations.map((v) => v.ruleName), [], 'ResilienceChecks finds nothing on ResilientLambdaRestApi');

const assembly = app.synth();
console.log(`consumer-check: the packed library synthesized ${assembly.getStackByName('ConsumerStack').templateFullPath} with aws-cdk-lib ${require('aws-cdk-lib/package.json').version}`);
