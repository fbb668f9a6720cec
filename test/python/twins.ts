// The TypeScript twins of the Python apps in test/python/apps/twins.py. `ts-node test/python/twins.ts DIR` writes each
// stack's template (DIR/<name>.template.json) and the pack's findings (DIR/<name>.findings.json); the pytest suite
// synthesizes the Python twins with the wheel and compares. A stack here and its twin there must change together.
import * as fs from 'fs';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Duration, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { LambdaErrorMapping, ResilienceChecks, ResilientLambdaRestApi, ResilientSpecRestApi } from '../../src';
import { buildDefaultStack, buildFullyConfiguredStack } from '../full-config';
import { newHandler } from '../util';

/** Where the twins' files (the OpenAPI document) are: the Python twins read the same ones. */
export const TWIN_FILES = path.join(__dirname, 'apps');

/** A custom (non-proxy) integration whose function's errors are mapped to statuses. */
export function buildCustomIntegrationStack(stack: cdk.Stack): void {
  const api = new ResilientLambdaRestApi(stack, 'Api', {
    handler: newHandler(stack),
    proxy: false,
    integrationOptions: { proxy: false },
    errorMappings: [
      LambdaErrorMapping.prefix('NotFound', '404'),
      LambdaErrorMapping.jsonField('errorType', 'Conflict', '409', { message: 'The order changed' }),
      LambdaErrorMapping.functionTimeout(),
    ],
  });
  api.root.addResource('orders').addMethod('POST');
}

/** A second function behind the API through `lambdaIntegration`. */
export function buildSecondFunctionStack(stack: cdk.Stack): void {
  const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false });
  api.root.addResource('orders').addMethod('GET');
  api.root.addResource('reports').addMethod('GET', api.lambdaIntegration(newHandler(stack, 'Reports'), { timeout: Duration.seconds(20) }));
}

/** A gateway response the app adds itself, next to the contract's. */
export function buildGatewayResponseStack(stack: cdk.Stack): void {
  const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack) });
  api.addGatewayResponse('Unauthorized', {
    type: apigateway.ResponseType.UNAUTHORIZED,
    statusCode: '401',
    responseHeaders: { 'WWW-Authenticate': "'Bearer'" },
  });
}

/** An OpenAPI document in YAML, from an asset, bound to two functions. */
export function buildSpecStack(stack: cdk.Stack): void {
  const orders = newHandler(stack, 'Orders');
  const users = newHandler(stack, 'Users');
  new ResilientSpecRestApi(stack, 'Api', {
    apiDefinition: apigateway.ApiDefinition.fromAsset(path.join(TWIN_FILES, 'api.yaml')),
    integrations: { listOrders: orders, getOrder: orders, getUser: users },
    integrationTimeout: Duration.seconds(10),
    errorCorsOptions: { allowOrigins: ['https://example.com'] },
  });
}

/** A plain LambdaRestApi with the traps ResilienceChecks finds; one finding acknowledged. */
export function buildTrapsStack(stack: cdk.Stack): void {
  const handler = newHandler(stack);
  const api = new apigateway.LambdaRestApi(stack, 'Api', {
    handler,
    proxy: false,
    defaultCorsPreflightOptions: { allowOrigins: ['https://app.example'] },
    deployOptions: { dataTraceEnabled: true, loggingLevel: apigateway.MethodLoggingLevel.INFO },
  });
  for (let i = 0; i < 30; i++) {
    api.root.addResource(`r${i}`).addMethod('GET');
  }
  api.root.addResource('slow').addMethod('GET', new apigateway.LambdaIntegration(newHandler(stack, 'Slow', { timeout: Duration.seconds(60) })));
  api.addGatewayResponse('Failure', { type: apigateway.ResponseType.INTEGRATION_FAILURE });
  Validations.of(api.deploymentStage).acknowledge({ id: 'ResilienceChecks-StageWithoutAlarm', reason: 'alarmed elsewhere' });
}

/** Every twin, by the name both sides use. */
export const TWINS: Record<string, (stack: cdk.Stack) => void> = {
  default: buildDefaultStack,
  full: buildFullyConfiguredStack,
  custom_integration: buildCustomIntegrationStack,
  second_function: buildSecondFunctionStack,
  gateway_response: buildGatewayResponseStack,
  spec: buildSpecStack,
  traps: buildTrapsStack,
};

/** The stack every twin is built in (the same app context, name and environment as the Python side). */
export function newTwinStack(): cdk.Stack {
  const app = new cdk.App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
  return new cdk.Stack(app, 'TwinStack', { env: { account: '123456789012', region: 'eu-west-1' } });
}

/** The pack's findings, as `level rule resource-path`, sorted. */
export function findingsOf(stack: cdk.Stack): string[] {
  return new ResilienceChecks().validateScope(stack).violations
    .flatMap((v) => v.violatingResources.map((r: any) => `${v.ruleName} ${r.constructPath}`)).sort();
}

function main(outDir: string): void {
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, build] of Object.entries(TWINS)) {
    const stack = newTwinStack();
    build(stack);
    const template = cdk.assertions.Template.fromStack(stack).toJSON();
    fs.writeFileSync(path.join(outDir, `${name}.template.json`), JSON.stringify(template, null, 1));
    fs.writeFileSync(path.join(outDir, `${name}.findings.json`), JSON.stringify(findingsOf(stack), null, 1));
  }
  process.stdout.write(`${Object.keys(TWINS).length} TypeScript twins written to ${outDir}\n`);
}

if (require.main === module) {
  main(process.argv[2] ?? 'build/python-twins');
}
