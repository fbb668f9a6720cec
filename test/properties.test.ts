// Property-based tests: random valid configurations always synthesize a sound template; random
// invalid ones always fail at synth time with an error that names a property, before any resource
// of the API exists.
// This file checks aws-cdk-lib's template validation too: turn it back on (test/jest.setup.ts turns it off).
process.env.CDK_VALIDATION = 'true';

import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { InvokePermissionScope, LambdaErrorMapping, ResilienceChecks, ResilientLambdaRestApi, ResilientLambdaRestApiProps } from '../src';
import { newHandler, newStack, warningIds } from './util';
import { isMappingExpression } from '../src/checks';
import { ERROR_RESPONSE_DEFAULTS, renderErrorResponses, substituteVariables } from '../src/contract/error-responses';

/** How many random cases each property runs; the counts are reported in the issue notes. */
const SYNTH_RUNS = 25;
const PURE_RUNS = 500;

const RESPONSE_TYPES = ERROR_RESPONSE_DEFAULTS.map((d) => d.responseType);

const hostileString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('"', '\\', '\n', '\r\n', '\u2028', "'", '$context.requestId', '#if($x)', '${y}', '</script>', '\u0000'),
);

const statusCode = fc.integer({ min: 100, max: 599 }).map(String);
const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/);
const literalHeaderValue = fc.stringMatching(/^[^'\n]{0,30}$/).map((v) => `'${v}'`);
const headerValue = fc.oneof(
  literalHeaderValue,
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/).map((n) => `method.request.header.${n}`),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/).map((n) => `stageVariables.${n}`),
);

const override = fc.record({
  type: fc.constantFrom(...RESPONSE_TYPES),
  statusCode: fc.option(statusCode, { nil: undefined }),
  message: fc.option(hostileString, { nil: undefined }),
  retryable: fc.option(fc.boolean(), { nil: undefined }),
  responseHeaders: fc.option(fc.dictionary(headerName, headerValue, { maxKeys: 3 }), { nil: undefined }),
});

const origin = fc.stringMatching(/^https:\/\/[a-z]{1,10}\.example$/);

/** A random configuration that must synthesize. */
const validConfig = fc.record({
  timeoutMs: fc.integer({ min: 50, max: 29_000 }),
  endpoint: fc.constantFrom(apigateway.EndpointType.REGIONAL, apigateway.EndpointType.EDGE, apigateway.EndpointType.PRIVATE),
  retryAfter: fc.integer({ min: 1, max: 86_400 }),
  loggingLevel: fc.constantFrom(apigateway.MethodLoggingLevel.OFF, apigateway.MethodLoggingLevel.ERROR, apigateway.MethodLoggingLevel.INFO),
  dataTrace: fc.boolean(),
  tracing: fc.boolean(),
  stageName: fc.stringMatching(/^[a-zA-Z0-9_]{1,16}$/),
  cors: fc.option(fc.oneof(fc.constant<string[]>(['*']), fc.uniqueArray(origin, { minLength: 1, maxLength: 3 })), { nil: undefined }),
  credentials: fc.boolean(),
  allStages: fc.boolean(),
  allowTestInvoke: fc.boolean(),
  proxy: fc.boolean(),
  reserved: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
  functionTimeout: fc.integer({ min: 1, max: 60 }),
  overrides: fc.uniqueArray(override, { maxLength: 4, selector: (o) => o.type }),
  retention: fc.constantFrom(logs.RetentionDays.ONE_DAY, logs.RetentionDays.ONE_MONTH, logs.RetentionDays.ONE_YEAR),
  cloudWatchRole: fc.boolean(),
  serverErrorRate: fc.double({ min: 0, max: 0.99, noNaN: true }),
  latencyFraction: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  minimumRequests: fc.integer({ min: 1, max: 1000 }),
  dashboard: fc.boolean(),
});

type ValidConfig = typeof validConfig extends fc.Arbitrary<infer T> ? T : never;

function propsOf(c: ValidConfig): Omit<ResilientLambdaRestApiProps, 'handler'> {
  return {
    proxy: c.proxy,
    endpointTypes: [c.endpoint],
    integrationOptions: { timeout: Duration.millis(c.timeoutMs), allowTestInvoke: c.allStages ? true : c.allowTestInvoke },
    throttledRetryAfter: Duration.seconds(c.retryAfter),
    deployOptions: { stageName: c.stageName, loggingLevel: c.loggingLevel, dataTraceEnabled: c.dataTrace, tracingEnabled: c.tracing },
    defaultCorsPreflightOptions: c.cors ? { allowOrigins: c.cors, allowCredentials: c.credentials } : undefined,
    invokePermissionScope: c.allStages ? InvokePermissionScope.ALL_STAGES : InvokePermissionScope.DEPLOYMENT_STAGE,
    errorResponses: c.overrides.map((o) => ({ ...o, type: apigateway.ResponseType.of(o.type) })),
    logRetention: c.retention,
    cloudWatchRole: c.cloudWatchRole,
    monitoring: {
      serverErrorRateThreshold: c.serverErrorRate,
      integrationLatencyThreshold: c.latencyFraction,
      minimumRequests: c.minimumRequests,
      dashboard: c.dashboard,
    },
  };
}

function build(c: ValidConfig): Stack {
  const stack = newStack();
  const handler = newHandler(stack, 'Handler', { timeout: Duration.seconds(c.functionTimeout), reservedConcurrentExecutions: c.reserved });
  const api = new ResilientLambdaRestApi(stack, 'Api', { handler, ...propsOf(c) });
  if (!c.proxy) {
    api.root.addResource('items').addMethod('GET');
  }
  return stack;
}

/** The pack's rules that repeat a warning the construct already gave, for the risky choices a user may make. */
const RULES_BEHIND_WARNINGS: { [rule: string]: string } = {
  'ResilienceChecks-FunctionOutlivesIntegration': 'resilient-lambda-rest-api:functionTimeoutExceedsIntegrationTimeout',
  'ResilienceChecks-DataTraceEnabled': 'resilient-lambda-rest-api:dataTraceEnabled',
  'ResilienceChecks-FallbackStatusCode': 'resilient-lambda-rest-api:fallbackStatusCode',
};

describe('random valid configurations', () => {
  test('always synthesize, with valid JSON error bodies, legal header mappings, two permissions at most, and nothing for ResilienceChecks but what the construct warned about', () => {
    fc.assert(fc.property(validConfig, hostileString, (config, message) => {
      const stack = build(config);
      const template = Template.fromStack(stack);
      const warnings = warningIds(stack);
      for (const violation of new ResilienceChecks().validateScope(stack).violations) {
        expect(warnings).toContain(RULES_BEHIND_WARNINGS[violation.ruleName] ?? violation.ruleName);
      }
      const responses = Object.values<any>(template.findResources('AWS::ApiGateway::GatewayResponse'));
      expect(responses.length).toBeGreaterThanOrEqual(RESPONSE_TYPES.length);
      for (const response of responses) {
        for (const value of Object.values<string>(response.Properties.ResponseParameters ?? {})) {
          expect(isMappingExpression(value)).toBe(true);
        }
        const body = substituteVariables(response.Properties.ResponseTemplates['application/json'], {
          'context.error.messageString': JSON.stringify(message),
          'context.error.responseType': response.Properties.ResponseType,
          'context.extendedRequestId': 'id',
        });
        expect(() => JSON.parse(body)).not.toThrow();
      }
      expect(Object.keys(template.findResources('AWS::Lambda::Permission')).length).toBeLessThanOrEqual(2);
    }), { numRuns: SYNTH_RUNS });
  });
});

describe('every error template stays valid JSON', () => {
  test('for random hostile API Gateway messages and random fixed messages', () => {
    fc.assert(fc.property(fc.uniqueArray(override, { maxLength: 6, selector: (o) => o.type }), hostileString, (overrides, message) => {
      const rendered = renderErrorResponses({
        throttledRetryAfterSeconds: 1,
        overrides: overrides.map((o) => ({ ...o, type: apigateway.ResponseType.of(o.type) })),
      });
      for (const response of rendered) {
        const body = JSON.parse(substituteVariables(response.templates['application/json'], {
          'context.error.messageString': JSON.stringify(message),
          'context.error.responseType': response.responseType,
          'context.extendedRequestId': 'id',
        }));
        const fixed = overrides.find((o) => o.type === response.responseType)?.message;
        expect(body.message).toBe(fixed ?? message);
      }
    }), { numRuns: PURE_RUNS });
  });
});

/** One invalid change to an otherwise valid configuration, and the property its error must name. */
type InvalidCase = { props: Partial<ResilientLambdaRestApiProps>; property: RegExp };

const invalidCase: fc.Arbitrary<InvalidCase> = fc.oneof(
  fc.integer({ min: 0, max: 49 }).map((ms) => ({
    props: { integrationOptions: { timeout: Duration.millis(ms) } }, property: /integrationOptions\.timeout/,
  })),
  fc.integer({ min: 29_001, max: 600_000 }).map((ms) => ({
    props: { integrationOptions: { timeout: Duration.millis(ms) }, endpointTypes: [apigateway.EndpointType.EDGE] }, property: /integrationOptions\.timeout/,
  })),
  fc.integer({ min: 29_001, max: 600_000 }).map((ms) => ({
    props: { integrationOptions: { timeout: Duration.millis(ms) } }, property: /integrationOptions\.timeout.*acknowledgeIntegrationTimeoutQuota/,
  })),
  fc.tuple(fc.constantFrom(...RESPONSE_TYPES), fc.string().filter((s) => !/^[1-5]\d\d$/.test(s))).map(([type, code]) => ({
    props: { errorResponses: [{ type: apigateway.ResponseType.of(type), statusCode: code }] }, property: /errorResponses\[0\]\.statusCode/,
  })),
  fc.tuple(headerName, fc.string({ minLength: 1 }).filter((v) => !isMappingExpression(v))).map(([name, value]) => ({
    props: { errorResponses: [{ type: apigateway.ResponseType.THROTTLED, responseHeaders: { [name]: value } }] },
    property: /errorResponses\[0\]\.responseHeaders/,
  })),
  fc.oneof(
    fc.constant(0),
    fc.integer({ min: 86_401, max: 10_000_000 }),
    fc.double({ min: 0.001, max: 100, noNaN: true }).filter((v) => !Number.isInteger(v)),
  ).map((s) => ({ props: { throttledRetryAfter: Duration.seconds(s) }, property: /throttledRetryAfter/ })),
  fc.double({ min: 1, max: 1e6, noNaN: true }).map((v) => ({
    props: { monitoring: { serverErrorRateThreshold: v } }, property: /monitoring\.serverErrorRateThreshold/,
  })),
  fc.integer({ min: -100, max: 0 }).map((v) => ({
    props: { monitoring: { minimumRequests: v } }, property: /monitoring\.minimumRequests/,
  })),
  fc.double({ min: -1e6, max: -0.001, noNaN: true }).map((v) => ({
    props: { deployOptions: { throttlingRateLimit: v } }, property: /deployOptions\.throttlingRateLimit/,
  })),
  fc.constant({
    props: { invokePermissionScope: InvokePermissionScope.ALL_STAGES, integrationOptions: { allowTestInvoke: false } },
    property: /invokePermissionScope.*allowTestInvoke/,
  }),
  fc.constantFrom('700', '99', '20x', '').map((code) => ({
    props: { integrationOptions: { proxy: false }, errorMappings: [LambdaErrorMapping.prefix('X', code)] }, property: /errorMappings\[0\]/,
  })),
);

describe('random invalid configurations', () => {
  test('always throw an error naming the property, and leave nothing of the API behind', () => {
    fc.assert(fc.property(invalidCase, ({ props, property }) => {
      const stack = newStack();
      const handler = newHandler(stack);
      expect(() => new ResilientLambdaRestApi(stack, 'Api', { handler, ...props })).toThrow(property);
      expect(stack.node.tryFindChild('Api')).toBeUndefined();
      expect(Template.fromStack(stack).findResources('AWS::ApiGateway::RestApi')).toEqual({});
    }), { numRuns: 200 });
  });
});
