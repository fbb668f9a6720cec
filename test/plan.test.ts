import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { InvokePermissionScope, LambdaErrorMapping } from '../src';
import { newHandler, newStack } from './util';
import { planApi } from '../src/plan';

const handler = newHandler(newStack());

describe('planApi', () => {
  test('fills in the resilient defaults', () => {
    const plan = planApi({ handler });
    expect(plan.errors).toEqual([]);
    expect(plan.superProps).toMatchObject({
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: false,
      deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.ERROR, tracingEnabled: true, throttlingRateLimit: 10_000 },
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
      ownFormatElsewhere: false,
      logSettings: { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.RETAIN },
    });
    expect(plan.errorResponses).toHaveLength(21);
  });

  test('collects the errors of every check at once and renders nothing then', () => {
    const plan = planApi({
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
    const plan = planApi({ handler, integrationOptions: { proxy: false }, errorMappings: [LambdaErrorMapping.prefix('NotFound', '404')] });
    expect(plan.integrationOptions.integrationResponses!.map((r) => r.statusCode)).toEqual(['200', '404', '502']);
    expect(plan.superProps.defaultMethodOptions!.methodResponses!.map((r) => r.statusCode)).toEqual(['200', '404', '502']);
  });

  test('no deployment: no stage, every stage may invoke, no deployOptions passed on', () => {
    const plan = planApi({ handler, deploy: false });
    expect(plan).toMatchObject({ stageName: undefined, permissionScope: InvokePermissionScope.ALL_STAGES, ownAccessLogGroup: false });
    expect(plan.superProps.deployOptions).toBeUndefined();
  });

  test('a destination of the user\'s own with the construct\'s format is noticed', () => {
    const destination = { bind: () => ({ destinationArn: 'arn:aws:logs:eu-west-1:1:log-group:x' }) };
    expect(planApi({ handler, deployOptions: { accessLogDestination: destination } }).ownFormatElsewhere).toBe(true);
    expect(planApi({ handler, deployOptions: { accessLogDestination: destination, accessLogFormat: apigateway.AccessLogFormat.clf() } })
      .ownFormatElsewhere).toBe(false);
  });

  test('per-method permissions when the user asks for them', () => {
    expect(planApi({ handler, integrationOptions: { scopePermissionToMethod: true } }).perMethodPermissions).toBe(true);
  });
});
