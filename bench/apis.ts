import { ApiGatewayToLambda } from '@aws-solutions-constructs/aws-apigateway-lambda';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { ResilientLambdaRestApi } from '../src';

/** The three ways a user can put a REST API in front of Lambda functions. */
export const ALTERNATIVES = ['LambdaRestApi', 'ApiGatewayToLambda', 'ResilientLambdaRestApi'] as const;
export type Alternative = typeof ALTERNATIVES[number];

/** What the table calls each alternative. */
export const ALTERNATIVE_LABELS: Record<Alternative, string> = {
  LambdaRestApi: 'aws-cdk-lib `LambdaRestApi`',
  ApiGatewayToLambda: 'aws-solutions-constructs `ApiGatewayToLambda`',
  ResilientLambdaRestApi: '`ResilientLambdaRestApi` (this library)',
};

/** One API shape: `methods` GET methods on their own paths, spread in blocks over `functions` functions. */
export interface ApiShape {
  readonly methods: number;
  readonly functions: number;
}

/** The context key of CDK's resource limit per stack (500 unless set; 0 switches the check off). */
export const STACK_RESOURCE_LIMIT_CONTEXT = '@aws-cdk/core:stackResourceLimit';

/** The stack's name; it becomes part of every generated function name and permission statement id. */
export const STACK_NAME = 'BenchApiStack';

function handlerFunction(stack: Stack, index: number): lambda.Function {
  return new lambda.Function(stack, `Handler${index}`, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
  });
}

/** The API object and, for the routes, the function of the default integration. */
function buildApi(stack: Stack, alternative: Alternative, handler: lambda.Function): apigateway.RestApi {
  switch (alternative) {
    case 'LambdaRestApi':
      return new apigateway.LambdaRestApi(stack, 'Api', { handler, proxy: false });
    case 'ApiGatewayToLambda':
      return new ApiGatewayToLambda(stack, 'Api', { existingLambdaObj: handler, apiGatewayProps: { proxy: false } }).apiGateway;
    case 'ResilientLambdaRestApi':
      return new ResilientLambdaRestApi(stack, 'Api', { handler, proxy: false });
  }
}

/**
 * Builds the same API with one alternative, each at its defaults, in an app with the feature flags
 * `cdk init` writes: method i is `GET /r{i}`; the first function is the construct's handler (the
 * default integration) and the others are bound as each alternative documents: a default
 * `LambdaIntegration` for aws-cdk-lib and aws-solutions-constructs, `api.lambdaIntegration(fn)` for ours.
 * The cloud assembly goes to `outdir` (a temporary directory if left out). CDK's own checks of the
 * 500-resource limit (at synth, and in its template validation) are switched off so that the
 * benchmark can count past it.
 */
export function buildApp(alternative: Alternative, shape: ApiShape, outdir?: string): App {
  const app = new App({ outdir, context: { ...CURRENTLY_RECOMMENDED_FLAGS, [STACK_RESOURCE_LIMIT_CONTEXT]: 0 } });
  const stack = new Stack(app, STACK_NAME);
  Validations.of(stack).acknowledge({ id: 'CloudFormation-Validate::F0007', reason: 'The benchmark counts resources past the 500 limit and checks the limit itself' });
  const handlers = Array.from({ length: shape.functions }, (_, f) => handlerFunction(stack, f));
  const api = buildApi(stack, alternative, handlers[0]);
  // Each alternative binds further functions its own documented way: ours through api.lambdaIntegration.
  const integrations = handlers.map((h, f) => {
    if (f === 0) {
      return undefined;
    }
    return api instanceof ResilientLambdaRestApi ? api.lambdaIntegration(h) : new apigateway.LambdaIntegration(h);
  });
  for (let i = 0; i < shape.methods; i++) {
    const f = Math.floor((i * shape.functions) / shape.methods);
    api.root.addResource(`r${i}`).addMethod('GET', integrations[f]);
  }
  return app;
}
