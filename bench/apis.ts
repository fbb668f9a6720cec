import type { ApiGatewayToLambda } from '@aws-solutions-constructs/aws-apigateway-lambda';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import type { ResilientLambdaRestApi } from '../src';

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

/**
 * The environment variable naming where this library is loaded from: the whole-process benchmark
 * points it at JavaScript compiled from src/, as a user gets it from npm; unset, the TypeScript
 * sources are loaded (through ts-node).
 */
export const LIBRARY_ENV = 'BENCH_LIBRARY';

/** Builds one alternative's API object in a stack, with the function of the default integration. */
export type ApiBuilder = (stack: Stack, handler: lambda.Function) => apigateway.RestApi;

/** The constructors a builder needs, loaded on demand so that an app only loads the library it uses. */
interface Libraries {
  readonly ApiGatewayToLambda: typeof ApiGatewayToLambda;
  readonly ResilientLambdaRestApi: typeof ResilientLambdaRestApi;
}

/** `require`, because `import()` stays a native ESM import here, which would bypass ts-node and compiled paths alike. */
function load<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(id) as T;
}

/**
 * Loads the library of one alternative (and no other, so that a whole-process measurement of
 * plain `LambdaRestApi` does not pay for loading the others) and returns its builder.
 */
export function loadBuilder(alternative: Alternative): ApiBuilder {
  switch (alternative) {
    case 'LambdaRestApi':
      return (stack, handler) => new apigateway.LambdaRestApi(stack, 'Api', { handler, proxy: false });
    case 'ApiGatewayToLambda': {
      const lib = load<Pick<Libraries, 'ApiGatewayToLambda'>>('@aws-solutions-constructs/aws-apigateway-lambda');
      return (stack, handler) => new lib.ApiGatewayToLambda(stack, 'Api', { existingLambdaObj: handler, apiGatewayProps: { proxy: false } }).apiGateway;
    }
    case 'ResilientLambdaRestApi': {
      const lib = load<Pick<Libraries, 'ResilientLambdaRestApi'>>(process.env[LIBRARY_ENV] ?? '../src');
      return (stack, handler) => new lib.ResilientLambdaRestApi(stack, 'Api', { handler, proxy: false });
    }
  }
}

function handlerFunction(stack: Stack, index: number): lambda.Function {
  return new lambda.Function(stack, `Handler${index}`, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
  });
}

/** Ours binds further functions through `api.lambdaIntegration(fn)`; it is recognised by that method. */
function isOurs(api: apigateway.RestApi): api is ResilientLambdaRestApi {
  return typeof (api as Partial<ResilientLambdaRestApi>).lambdaIntegration === 'function';
}

/** The app every benchmark synthesizes in: the feature flags `cdk init` writes, CDK's 500-resource check off. */
export function benchApp(outdir?: string): App {
  return new App({ outdir, context: { ...CURRENTLY_RECOMMENDED_FLAGS, [STACK_RESOURCE_LIMIT_CONTEXT]: 0 } });
}

/**
 * Adds a stack with the API of one alternative, at its defaults: method i is `GET /r{i}`; the
 * first function is the construct's handler (the default integration) and the others are bound as
 * each alternative documents: a default `LambdaIntegration` for aws-cdk-lib and
 * aws-solutions-constructs, `api.lambdaIntegration(fn)` for ours. CDK's template validation of
 * the 500-resource limit is acknowledged so that the benchmark can count past it.
 */
export function addApiStack(app: App, build: ApiBuilder, shape: ApiShape, stackName: string = STACK_NAME): Stack {
  const stack = new Stack(app, stackName);
  Validations.of(stack).acknowledge({ id: 'CloudFormation-Validate::F0007', reason: 'The benchmark counts resources past the 500 limit and checks the limit itself' });
  const handlers = Array.from({ length: shape.functions }, (_, f) => handlerFunction(stack, f));
  const api = build(stack, handlers[0]);
  const integrations = handlers.map((h, f) => {
    if (f === 0) {
      return undefined;
    }
    return isOurs(api) ? api.lambdaIntegration(h) : new apigateway.LambdaIntegration(h);
  });
  for (let i = 0; i < shape.methods; i++) {
    const f = Math.floor((i * shape.functions) / shape.methods);
    api.root.addResource(`r${i}`).addMethod('GET', integrations[f]);
  }
  return stack;
}

/** An app with the one stack of one alternative's API; the cloud assembly goes to `outdir` (a temporary directory if left out). */
export function buildApp(build: ApiBuilder, shape: ApiShape, outdir?: string): App {
  const app = benchApp(outdir);
  addApiStack(app, build, shape);
  return app;
}
