import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { placeDocument } from '../../src/openapi/document-placement';
import { planSpecApi } from '../../src/openapi/spec-plan';
import { newHandler, newStack } from '../util';

const location = { stackName: 'TestStack', pathInStack: 'Api', id: 'Api' };

function planOf(stack: cdk.Stack, description: string) {
  const fn = newHandler(stack, 'Fn');
  const props = {
    apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', paths: { '/a': { get: { description } } } }),
    defaultHandler: fn,
  };
  const replan = (uriOf: (h: lambda.IFunction) => string) => planSpecApi(props, location, uriOf);
  return { fn, plan: replan(() => 'inline-uri'), replan };
}

describe('placeDocument', () => {
  test('keeps a document that fits inline as it is', () => {
    const stack = newStack();
    const { plan, replan } = planOf(stack, 'short');
    expect(placeDocument(plan, stack, replan)).toBe(plan);
  });

  test('moves a larger one to an S3 asset, the function names in stage variables', () => {
    const stack = newStack();
    const { fn, plan, replan } = planOf(stack, 'x'.repeat(900_000));
    const placed = placeDocument(plan, stack, replan);
    expect(placed.superProps.apiDefinition).toBeInstanceOf(apigateway.AssetApiDefinition);
    expect(placed.superProps.deployOptions?.variables).toEqual({ resilientFunction0: fn.functionName });
    expect(placed.document.paths['/a'].get['x-amazon-apigateway-integration'].uri).toContain('function:${stageVariables.resilientFunction0}/invocations');
  });
});
