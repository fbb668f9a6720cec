import { Duration, PhysicalName, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { InvokePermissionScope, LambdaErrorMapping, ResilientLambdaRestApiProps } from '../src';
import { newHandler, newStack } from './util';
import { ApiPlan, planApi } from '../src/plan';

const handler = newHandler(newStack());
const location = { stackName: 'TestStack', pathInStack: 'Api', id: 'Api' };
const planAt = (props: ResilientLambdaRestApiProps): ApiPlan => planApi(props, location);

describe('planApi', () => {
  test('fills in the resilient defaults', () => {
    const plan = planAt({ handler });
    expect(plan.errors).toEqual([]);
    expect(plan.superProps).toMatchObject({
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: false,
      deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.ERROR, tracingEnabled: true, throttlingRateLimit: 2_500 },
      integrationOptions: { scopePermissionToMethod: false, allowTestInvoke: undefined },
    });
    expect(plan.integrationTimeout.toSeconds()).toBe(29);
    expect(plan).toMatchObject({
      stageName: 'prod',
      perMethodPermissions: false,
      permissionScope: InvokePermissionScope.DEPLOYMENT_STAGE,
      allowTestInvoke: true,
      executionLogging: true,
      ownAccessLogGroup: true,
      logSettings: { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.RETAIN },
    });
    expect(plan.errorResponses).toHaveLength(21);
  });

  test('collects the errors of every check at once and renders nothing then', () => {
    const plan = planAt({
      handler,
      integrationOptions: { timeout: Duration.millis(10) },
      errorMappings: [LambdaErrorMapping.prefix('A', '404')],
      monitoring: { minimumRequests: 0 },
    });
    expect(plan.errors).toEqual([
      expect.stringMatching(/^integrationOptions\.timeout/),
      expect.stringMatching(/^monitoring\.minimumRequests/),
      expect.stringMatching(/^errorMappings needs a custom integration/),
    ]);
    expect(plan.errorResponses).toEqual([]);
  });

  test('a custom integration gets the mapped integration and method responses', () => {
    const plan = planAt({ handler, integrationOptions: { proxy: false }, errorMappings: [LambdaErrorMapping.prefix('NotFound', '404')] });
    expect(plan.integrationOptions.integrationResponses!.map((r) => r.statusCode)).toEqual(['200', '404', '502']);
    expect(plan.superProps.defaultMethodOptions!.methodResponses!.map((r) => r.statusCode)).toEqual(['200', '404', '502']);
  });

  test('no deployment: no stage, every stage may invoke, no deployOptions passed on', () => {
    const plan = planAt({ handler, deploy: false });
    expect(plan).toMatchObject({ stageName: undefined, permissionScope: InvokePermissionScope.ALL_STAGES, ownAccessLogGroup: false });
    expect(plan.superProps.deployOptions).toBeUndefined();
  });

  test('per-method permissions when the user asks for them', () => {
    expect(planAt({ handler, integrationOptions: { scopePermissionToMethod: true } }).perMethodPermissions).toBe(true);
  });
});

describe('the API name', () => {
  test('defaults to one unique in the account and region, known at synth', () => {
    const plan = planAt({ handler });
    expect(plan.apiName).toBe('TestStack-Api');
    expect(plan.superProps.restApiName).toBe('TestStack-Api');
  });

  test('keeps the name the user gives, and generates one for PhysicalName.GENERATE_IF_NEEDED', () => {
    expect(planAt({ handler, restApiName: 'orders-service' }).superProps.restApiName).toBe('orders-service');
    expect(planAt({ handler, restApiName: PhysicalName.GENERATE_IF_NEEDED }).apiName).toBe('TestStack-Api');
  });

  test('warns about a given name other APIs are likely to have', () => {
    expect(planAt({ handler, restApiName: 'Api' }).warnings.map((w) => w.id)).toContain('restApiNameMayCollide');
    expect(planAt({ handler, restApiName: 'orders-service' }).warnings.map((w) => w.id)).not.toContain('restApiNameMayCollide');
  });
});
