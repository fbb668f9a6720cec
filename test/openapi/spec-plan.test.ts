import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { InvokePermissionScope } from '../../src';
import { combinedFacts, planSpecApi } from '../../src/openapi/spec-plan';
import { newHandler, newStack } from '../util';

const stack = newStack();
const quick = newHandler(stack, 'Quick', { timeout: Duration.seconds(5), reservedConcurrentExecutions: 10 });
const slow = newHandler(stack, 'Slow', { timeout: Duration.seconds(20) });
const uriOf = (fn: lambda.IFunction) => `uri-of-${fn.node.id}`;
const location = { stackName: 'TestStack', pathInStack: 'Api', id: 'Api' };
const definition = (paths: Record<string, any>) => apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', paths });

describe('planSpecApi', () => {
  test('fills in the resilient defaults and binds the document', () => {
    const plan = planSpecApi({ apiDefinition: definition({ '/a': { get: { operationId: 'a' } }, '/b': { get: { operationId: 'b' } } }), integrations: { a: quick, b: quick } }, location, uriOf);
    expect(plan.errors).toEqual([]);
    expect(plan.superProps).toMatchObject({
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: false,
      deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.ERROR, throttlingBurstLimit: 10 },
    });
    expect(plan).toMatchObject({ stageName: 'prod', permissionScope: InvokePermissionScope.DEPLOYMENT_STAGE, allowTestInvoke: true, monitoringEnabled: true });
    expect([...plan.functions.keys()]).toEqual([quick]);
    expect(plan.document.paths['/a'].get['x-amazon-apigateway-integration'].uri).toBe('uri-of-Quick');
    expect(Object.keys(plan.document['x-amazon-apigateway-gateway-responses'])).toHaveLength(21);
    expect(plan.superProps.apiDefinition.bind(stack).inlineDefinition).toBe(plan.document);
  });

  test('orders the functions by the operations they serve, and warns when monitoring is given without a stage', () => {
    const plan = planSpecApi({
      apiDefinition: definition({ '/a': { get: { operationId: 'a' } }, '/b': { get: {} }, '/c': { get: {} } }),
      integrations: { a: quick },
      defaultHandler: slow,
      deploy: false,
      monitoring: { alarmNamePrefix: 'x' },
    }, location, uriOf);
    expect([...plan.functions.entries()]).toEqual([[slow, 2], [quick, 1]]);
    expect(plan.warnings.map((w) => w.id)).toContain('monitoringWithoutStage');
  });

  test('collects the errors of the document, the binding and the options at once and writes no contract then', () => {
    const plan = planSpecApi({
      apiDefinition: definition({ '/a': { get: { operationId: 'a' } } }),
      integrations: { b: quick },
      integrationTimeout: Duration.seconds(40),
      monitoring: { minimumRequests: 0 },
      allowTestInvoke: false,
      invokePermissionScope: InvokePermissionScope.ALL_STAGES,
    }, location, uriOf);
    expect(plan.errors).toEqual([
      expect.stringMatching(/^integrationTimeout is 40000 ms/),
      expect.stringMatching(/^invokePermissionScope ALL_STAGES/),
      expect.stringMatching(/^monitoring\.minimumRequests/),
      expect.stringMatching(/^an operation has no integration: GET \/a \(operationId 'a'\)/),
      expect.stringMatching(/^integrations has a key matching .*'b' \(did you mean 'a'\?\)/),
    ]);
    expect(plan.document['x-amazon-apigateway-gateway-responses']).toBeUndefined();
    expect(plan.errorResponses).toEqual([]);
  });

  test('binds nothing in a document that is no OpenAPI document', () => {
    const plan = planSpecApi({ apiDefinition: apigateway.ApiDefinition.fromInline({ info: {} }), integrations: { a: quick } }, location, uriOf);
    expect(plan.errors).toEqual([expect.stringMatching(/must declare openapi: 3.x or swagger: '2.0'/)]);
  });
});

describe('combinedFacts', () => {
  test('takes the longest timeout, and a reserved concurrency for one function only', () => {
    expect(combinedFacts([quick])).toEqual({ timeoutSeconds: 5, reservedConcurrency: 10 });
    expect(combinedFacts([quick, slow])).toEqual({ timeoutSeconds: 20, reservedConcurrency: undefined });
    expect(combinedFacts([lambda.Function.fromFunctionArn(stack, 'I', 'arn:aws:lambda:eu-west-1:123456789012:function:f')])).toEqual({
      timeoutSeconds: undefined, reservedConcurrency: undefined,
    });
  });
});
