// The failure lab's OpenAPI part: a ResilientSpecRestApi adopting a document as users bring it (no operationIds),
// bound by route and by defaultHandler, whose function error must reach the client as the same contract error as
// the LambdaRestApi lab's `/throw` route.
import { Annotations, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { LAB_ORIGIN } from './failure-lab';
import { ResilientSpecRestApi } from '../../src';

/** The document: two operations, neither with an operationId (as in API Gateway's console exports). */
export const SPEC_LAB_DOCUMENT = {
  openapi: '3.0.1',
  info: { title: 'Failure lab, OpenAPI', version: '1' },
  paths: {
    '/health': { get: { responses: { 200: { description: 'ok' } } } },
    '/orders': { get: { responses: { 200: { description: 'the orders' } } } },
  },
};

/** The spec lab deployed in a stack. */
export interface SpecLab {
  readonly api: ResilientSpecRestApi;
  /** The URL that answers 200 (the warm-up), and the one whose function throws. */
  readonly healthUrl: string;
  readonly throwsUrl: string;
}

function inlineFunction(stack: Stack, id: string, code: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(code),
    logGroup: new logs.LogGroup(stack, `${id}-Logs`, { retention: logs.RetentionDays.ONE_DAY, removalPolicy: RemovalPolicy.DESTROY }),
  });
}

/** Builds the spec lab: `GET /orders` bound by its route to a function that throws, every other operation to one that answers 200. */
export function buildSpecLab(stack: Stack): SpecLab {
  const throws = inlineFunction(stack, 'Spec-throws', 'exports.handler = async () => { throw new Error("spec lab: thrown on purpose"); };');
  const ok = inlineFunction(stack, 'Spec-ok', 'exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ ok: true }) });');
  const api = new ResilientSpecRestApi(stack, 'SpecLab', {
    apiDefinition: apigateway.ApiDefinition.fromInline(SPEC_LAB_DOCUMENT),
    integrations: { 'GET /orders': throws },
    defaultHandler: ok,
    errorCorsOptions: { allowOrigins: [LAB_ORIGIN] },
    logRemovalPolicy: RemovalPolicy.DESTROY,
    logRetention: logs.RetentionDays.ONE_DAY,
  });
  Annotations.of(api).acknowledgeWarning('resilient-lambda-rest-api:accountCloudWatchRoleNotManaged', 'the lab needs the account role set already');
  return { api, healthUrl: api.urlForPath('/health'), throwsUrl: api.urlForPath('/orders') };
}
