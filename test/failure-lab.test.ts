import * as cdk from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FAILURE_MODES } from '../src/contract/failure-modes';
import { LOG_FIELDS } from '../src/monitoring';
import {
  buildFailureLab, expectedAccessLogFields, expectedClientResponse, FailureLab, gatewayResponseTemplate, HOSTILE_REQUEST_ID,
  LAB_ROUTES, labAssertionSummary, LabRoute, labRequestHeaders, NOT_IN_LAB, renderLabTable, routesByMetricFilter,
} from './integ/failure-lab';
import { resourcesOf } from './util';

function route(id: string): LabRoute {
  return LAB_ROUTES.find((r) => r.id === id)!;
}

describe('the failure lab', () => {
  // As in integ.failure-lab.ts: an environment-agnostic stack.
  const stack = new cdk.Stack(new cdk.App(), 'Lab');
  const lab: FailureLab = buildFailureLab(stack);
  const template = Template.fromStack(stack);
  const responses = gatewayResponseTemplate(lab.api);

  test('provokes every failure mode of the catalogue, or says why not', () => {
    for (const mode of FAILURE_MODES) {
      const routes = LAB_ROUTES.filter((r) => r.failureMode === mode.id);
      expect(routes.length > 0 || NOT_IN_LAB[mode.id] !== undefined).toBe(true);
    }
    expect(Object.keys(NOT_IN_LAB)).toEqual(['quota-exhausted']);
  });

  test('has one GET method and one URL per route', () => {
    expect(Object.keys(lab.urls)).toEqual(LAB_ROUTES.map((r) => r.id));
    template.resourceCountIs('AWS::ApiGateway::Method', LAB_ROUTES.length * 2 + 1); // GET and OPTIONS per route, OPTIONS on /
  });

  test('gives no invoke permission to the function imported by ARN, and two to every other', () => {
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission'));
    const functionIds = Object.keys(template.findResources('AWS::Lambda::Function'));
    const withPermission = new Set(permissions.map((p) => p.FunctionName['Fn::GetAtt'][0]));
    const withoutPermission = functionIds.filter((id) => !withPermission.has(id));
    expect(withoutPermission).toEqual([expect.stringMatching(/^Fnmissinginvokepermission/)]);
    expect(permissions).toHaveLength((LAB_ROUTES.length - 1) * 2);
  });

  test('throttles the throttled route on the stage, and throttles the function behind the Lambda-throttle route', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([{ HttpMethod: 'GET', ResourcePath: '/~1throttled', ThrottlingRateLimit: 0.01, ThrottlingBurstLimit: 1, DataTraceEnabled: false }]),
    });
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 0 });
  });

  test('gives the timeout route a short integration timeout, and its function a longer one', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', Integration: { TimeoutInMillis: 1000 } });
    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 10 });
  });

  test('the handler helper\'s routes: bundled functions told their integration timeout, answering in the contract', () => {
    const deadlineFn = stack.getLogicalId(lab.functions['helper-deadline'].node.defaultChild as cdk.CfnElement);
    expect(template.toJSON().Resources[deadlineFn].Properties.Environment.Variables.RESILIENT_API_INTEGRATION_TIMEOUT_MS).toBe('3000');
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', Integration: { TimeoutInMillis: 3000 } });
    expect(expectedClientResponse(responses, route('helper-not-found'))).toEqual({
      status: 404, body: { type: 'NOT_FOUND', status: 404, retryable: false }, headers: { 'cache-control': ['no-store'], 'access-control-allow-origin': ['*'] },
    });
    expect(expectedClientResponse(responses, route('helper-deadline')).body).toEqual({ type: 'FUNCTION_TIMEOUT', status: 504, retryable: true });
    expect(expectedAccessLogFields(responses, route('helper-deadline'))).toEqual({ [LOG_FIELDS.status]: '504', [LOG_FIELDS.resourcePath]: '/helper-deadline' });
    expect(renderLabTable()).toContain('| `GET /helper-deadline` |');
    expect(renderLabTable()).toContain('504 `FUNCTION_TIMEOUT` from the function, counted in `FunctionDeadlines` |');
  });

  test('leaves no log group behind', () => {
    for (const group of Object.values(template.findResources('AWS::Logs::LogGroup'))) {
      expect(group.DeletionPolicy).toBe('Delete');
    }
  });

  test('expects what the construct answers, headers included', () => {
    expect(expectedClientResponse(responses, route('function-timeout'))).toEqual({
      status: 504,
      body: { type: 'INTEGRATION_TIMEOUT', status: 504, retryable: true },
      headers: { 'cache-control': ['no-store'], 'access-control-allow-origin': ['*'] },
    });
    expect(expectedClientResponse(responses, route('api-throttle'))).toMatchObject({ status: 429, headers: { 'retry-after': ['1'] } });
    expect(expectedClientResponse(responses, route('missing-invoke-permission'))).toMatchObject({ status: 500, body: { retryable: false } });
    expect(expectedClientResponse(responses, route('success'))).toEqual({ status: 200, body: { ok: true }, headers: {} });
  });

  test('predicts an echoed Origin header, and refuses a header it cannot predict', () => {
    const echo = {
      Resources: {
        R: { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { ResponseType: 'INTEGRATION_TIMEOUT', StatusCode: '504', ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin' } } },
      },
    };
    expect(expectedClientResponse(echo, route('function-timeout')).headers).toEqual({ 'access-control-allow-origin': [labRequestHeaders(route('function-timeout')).Origin] });
    const unknown = { Resources: { R: { ...echo.Resources.R, Properties: { ...echo.Resources.R.Properties, ResponseParameters: { 'gatewayresponse.header.X': 'stageVariables.x' } } } } };
    expect(() => expectedClientResponse(unknown, route('function-timeout'))).toThrow(/cannot predict the header mapping expression stageVariables.x/);
  });

  test('expects the access-log line to name the cause, as the quoted strings the format writes', () => {
    expect(expectedAccessLogFields(responses, route('function-timeout'))).toEqual({
      [LOG_FIELDS.errorType]: 'INTEGRATION_TIMEOUT', [LOG_FIELDS.status]: '504', [LOG_FIELDS.resourcePath]: '/timeout',
    });
    expect(expectedAccessLogFields(responses, route('success'))).toEqual({ [LOG_FIELDS.status]: '200' });
  });

  test('expects Lambda\'s status for the invoke where it tells a throttle (429) from a function error (200)', () => {
    expect(expectedAccessLogFields(responses, route('lambda-throttle'))).toMatchObject({ [LOG_FIELDS.errorType]: 'INTEGRATION_FAILURE', [LOG_FIELDS.lambdaStatus]: '429' });
    expect(expectedAccessLogFields(responses, route('function-error'))).toMatchObject({ [LOG_FIELDS.errorType]: 'INTEGRATION_FAILURE', [LOG_FIELDS.lambdaStatus]: '200' });
  });

  test('exercises every metric filter the construct creates', () => {
    const byFilter = routesByMetricFilter(Object.keys(lab.api.monitoring!.metricFilters));
    expect(byFilter.INTEGRATION_TIMEOUT.map((r) => r.id)).toEqual(['function-timeout']);
    expect(byFilter.THROTTLED.map((r) => r.id)).toEqual(['api-throttle']);
    // A Lambda throttle counts as LambdaThrottle, never as a function error.
    expect(byFilter.LAMBDA_THROTTLE.map((r) => r.id)).toEqual(['lambda-throttle']);
    expect(byFilter.INTEGRATION_FAILURE.map((r) => r.id)).not.toContain('lambda-throttle');
    expect(() => routesByMetricFilter(['NOT_A_FILTER'])).toThrow(/no lab route provokes what the metric filter 'NOT_A_FILTER' counts/);
  });

  test('sends a request id built to forge fields of an unescaped JSON line', () => {
    expect(route('hostile-request-id').requestHeaders).toEqual({ 'x-amzn-RequestId': HOSTILE_REQUEST_ID });
    expect(() => JSON.parse(`{"requestId":"${HOSTILE_REQUEST_ID}"}`)).not.toThrow();
    expect(JSON.parse(`{"status":"502","requestId":"${HOSTILE_REQUEST_ID}"}`).status).toBe('200');
  });

  test('names an unknown failure mode of a route', () => {
    expect(() => expectedClientResponse(responses, { ...route('function-error'), failureMode: 'nope' })).toThrow(/unknown failure mode 'nope'/);
  });
});

describe('the README tables of the lab', () => {
  test('name each failure mode\'s route and assertions, or why it is not in the lab', () => {
    const summary = labAssertionSummary();
    expect(summary['function-timeout']).toBe('[`GET /timeout`](test/integ/integ.failure-lab.ts): client response, access-log line, `IntegrationTimeout` metric');
    expect(summary['function-error']).toContain('[`GET /hostile`](test/integ/integ.failure-lab.ts) (hostile `x-amzn-RequestId`)');
    expect(summary['quota-exhausted']).toBe(NOT_IN_LAB['quota-exhausted']);
  });

  test('list every route with what it provokes, unverified where the catalogue says so', () => {
    const table = renderLabTable();
    expect(table.split('\n')).toHaveLength(LAB_ROUTES.length + 2);
    expect(table).toContain('| `GET /no-permission` | is integrated through an import by ARN, which gets no invoke permission | `API_CONFIGURATION_ERROR` (*unverified*) |');
    expect(table).toContain('| `GET /ok` | answers 200; the warm-up, retried until the API answers | — |');
  });
});
