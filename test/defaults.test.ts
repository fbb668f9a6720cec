import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newHandler, newStack } from './util';
import {
  defaultThrottling,
  handlerFacts,
  LOWEST_ACCOUNT_BURST_LIMIT,
  LOWEST_ACCOUNT_RATE_LIMIT,
  resolveEndpointTypes,
  resolveStageOptions,
} from '../src/defaults';

describe('defaultThrottling', () => {
  test.each<[number | undefined, number]>([
    [undefined, 1_250],
    [0, 0],
    [50, 50],
    [1_250, 1_250],
    [5_000, 1_250],
    [20_000, 1_250],
  ])('reserved concurrency %s gives burst %d at the lowest regional account rate', (reserved, burst) => {
    expect(defaultThrottling(reserved)).toEqual({ rateLimit: LOWEST_ACCOUNT_RATE_LIMIT, burstLimit: burst });
  });

  test('never above the lowest regional account defaults (2,500 / 1,250)', () => {
    expect([LOWEST_ACCOUNT_RATE_LIMIT, LOWEST_ACCOUNT_BURST_LIMIT]).toEqual([2_500, 1_250]);
  });
});

describe('resolveStageOptions', () => {
  test('fills in the resilient defaults', () => {
    expect(resolveStageOptions(undefined)).toEqual({
      loggingLevel: apigateway.MethodLoggingLevel.ERROR,
      dataTraceEnabled: false,
      metricsEnabled: false,
      tracingEnabled: true,
      throttlingRateLimit: 2_500,
      throttlingBurstLimit: 1_250,
      accessLogFormat: undefined,
    });
  });

  test('keeps every choice the user made', () => {
    const user: apigateway.StageOptions = {
      stageName: 'live',
      loggingLevel: apigateway.MethodLoggingLevel.OFF,
      dataTraceEnabled: true,
      metricsEnabled: true,
      tracingEnabled: false,
      throttlingRateLimit: 5,
      throttlingBurstLimit: 2,
      cachingEnabled: true,
    };
    expect(resolveStageOptions(user, 1)).toMatchObject(user);
  });

  test('a user destination without a format gets the failure-naming JSON format', () => {
    const destination = { bind: () => ({ destinationArn: 'arn:aws:logs:eu-west-1:1:log-group:x' }) };
    const resolved = resolveStageOptions({ accessLogDestination: destination });
    expect(resolved.accessLogFormat?.toString()).toContain('"errorType":"$context.error.responseType"');
    const own = apigateway.AccessLogFormat.clf();
    expect(resolveStageOptions({ accessLogDestination: destination, accessLogFormat: own }).accessLogFormat).toBe(own);
  });
});

describe('resolveEndpointTypes', () => {
  const handler = {} as lambda.IFunction;
  test.each<[string, Partial<apigateway.LambdaRestApiProps>, apigateway.EndpointType[]]>([
    ['REGIONAL by default', {}, [apigateway.EndpointType.REGIONAL]],
    ['the user\'s endpointTypes', { endpointTypes: [apigateway.EndpointType.EDGE] }, [apigateway.EndpointType.EDGE]],
    ['the user\'s endpointConfiguration', { endpointConfiguration: { types: [apigateway.EndpointType.PRIVATE] } }, [apigateway.EndpointType.PRIVATE]],
  ])('%s', (_, props, expected) => {
    expect(resolveEndpointTypes({ handler, ...props })).toEqual(expected);
  });
});

describe('handlerFacts', () => {
  test('reads timeout and reserved concurrency of a function defined here', () => {
    const stack = newStack();
    expect(handlerFacts(newHandler(stack, 'A', { timeout: Duration.seconds(10), reservedConcurrentExecutions: 7 }))).toEqual({
      timeoutSeconds: 10, reservedConcurrency: 7,
    });
  });

  test('Lambda\'s 3 s default where the function sets no timeout', () => {
    expect(handlerFacts(newHandler(newStack()))).toEqual({ timeoutSeconds: 3, reservedConcurrency: undefined });
  });

  test('nothing for an imported function', () => {
    const stack = newStack();
    expect(handlerFacts(lambda.Function.fromFunctionName(stack, 'F', 'f'))).toEqual({});
  });
});
