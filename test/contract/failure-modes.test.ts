import * as cdk from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ResilientLambdaRestApi } from '../../src';
import {
  AWS_DEFAULT_BODY_TEMPLATE,
  DOCUMENTED_DEFAULT_STATUS,
  ErrorContract,
  FAILURE_MODES,
  renderFailureModeTable,
  resolveClientResponse,
} from '../../src/contract/failure-modes';
import { newHandler } from '../util';

function gatewayResponse(type: string, props: Record<string, unknown> = {}, api = 'Api') {
  return { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { ResponseType: type, RestApiId: { Ref: api }, ...props } };
}

function template(...resources: object[]) {
  return { Resources: Object.fromEntries(resources.map((r, i) => [`R${i}`, r])) };
}

describe('the catalogue', () => {
  test('holds every failure mode of the facts file once', () => {
    expect(FAILURE_MODES.map((m) => m.id)).toEqual([
      'function-timeout', 'function-error', 'malformed-proxy-response', 'missing-invoke-permission',
      'lambda-throttle', 'api-throttle', 'quota-exhausted',
    ]);
  });

  test('names only real response types and valid statuses and bodies', () => {
    for (const mode of FAILURE_MODES) {
      expect(DOCUMENTED_DEFAULT_STATUS[mode.responseType]).toBeDefined();
      if (mode.alternativeResponseType) {
        expect(DOCUMENTED_DEFAULT_STATUS[mode.alternativeResponseType]).toBeDefined();
      }
      expect(mode.uncustomisedStatus).toMatch(/^[45]\d\d$/);
      expect(JSON.parse(mode.uncustomisedBody).message).toEqual(expect.any(String));
    }
  });

  test('marks as unverified exactly what the facts file marks unverified', () => {
    expect(FAILURE_MODES.filter((m) => !m.responseTypeVerified).map((m) => m.id)).toEqual([
      'malformed-proxy-response', 'missing-invoke-permission', 'lambda-throttle',
    ]);
  });

  test('a Lambda throttle and a function error share INTEGRATION_FAILURE; Lambda\'s status for the invoke tells them apart', () => {
    const byId = Object.fromEntries(FAILURE_MODES.map((m) => [m.id, m]));
    expect([byId['lambda-throttle'].responseType, byId['lambda-throttle'].lambdaStatus]).toEqual(['INTEGRATION_FAILURE', '429']);
    expect([byId['function-error'].responseType, byId['function-error'].lambdaStatus]).toEqual(['INTEGRATION_FAILURE', '200']);
  });

  test('ErrorContract.failureModes hands out copies', () => {
    const modes = ErrorContract.failureModes();
    expect(modes).toEqual(FAILURE_MODES);
    expect(modes[0]).not.toBe(FAILURE_MODES[0]);
  });
});

describe('resolveClientResponse applies API Gateway rules', () => {
  test.each<[string, object, string, string | undefined, string, string]>([
    ['nothing customised: AWS default body, the failure\'s status', template(), 'INTEGRATION_FAILURE', '502', '502', 'aws-default'],
    ['nothing customised, no failure status: the documented default', template(), 'THROTTLED', undefined, '429', 'aws-default'],
    ['specific type with status', template(gatewayResponse('INTEGRATION_FAILURE', { StatusCode: '502' })), 'INTEGRATION_FAILURE', '500', '502', 'customised'],
    ['specific type without status: the documented default (the 504 trap)', template(gatewayResponse('INTEGRATION_FAILURE')), 'INTEGRATION_FAILURE', '502', '504', 'customised'],
    ['DEFAULT_5XX without status keeps the failure\'s status', template(gatewayResponse('DEFAULT_5XX')), 'INTEGRATION_FAILURE', '500', '500', 'DEFAULT_5XX'],
    ['DEFAULT_5XX with status rewrites it', template(gatewayResponse('DEFAULT_5XX', { StatusCode: '503' })), 'INTEGRATION_FAILURE', '502', '503', 'DEFAULT_5XX'],
    ['a 4XX failure falls to DEFAULT_4XX, not DEFAULT_5XX', template(gatewayResponse('DEFAULT_5XX', { StatusCode: '503' }), gatewayResponse('DEFAULT_4XX')), 'THROTTLED', undefined, '429', 'DEFAULT_4XX'],
    ['a specific type wins over the fallback', template(gatewayResponse('DEFAULT_4XX', { StatusCode: '400' }), gatewayResponse('THROTTLED', { StatusCode: '429' })), 'THROTTLED', undefined, '429', 'customised'],
  ])('%s', (_, tpl, type, uncustomised, status, source) => {
    const response = resolveClientResponse(tpl, type, uncustomised);
    expect(response.statusCode).toBe(status);
    expect(response.source).toBe(source);
  });

  test('reads the body template and the headers of the answering response', () => {
    const tpl = template(gatewayResponse('DEFAULT_5XX', {
      ResponseTemplates: { 'application/json': '{"m":$context.error.messageString}' },
      ResponseParameters: { 'gatewayresponse.header.Retry-After': "'3'", 'gatewayresponse.querystring.x': "'y'" },
    }));
    const response = resolveClientResponse(tpl, 'INTEGRATION_TIMEOUT', '504');
    expect(response.bodyTemplate).toBe('{"m":$context.error.messageString}');
    expect(response.headers).toEqual({ 'Retry-After': "'3'" });
    expect(resolveClientResponse(template(), 'INTEGRATION_TIMEOUT').bodyTemplate).toBe(AWS_DEFAULT_BODY_TEMPLATE);
  });

  test('a customised response without a JSON template answers with AWS\'s body', () => {
    const response = resolveClientResponse(template(gatewayResponse('THROTTLED', { StatusCode: '429' })), 'THROTTLED');
    expect(response.bodyTemplate).toBe(AWS_DEFAULT_BODY_TEMPLATE);
    expect(response.headers).toEqual({});
  });

  test('only looks at the REST API asked for', () => {
    const tpl = template(gatewayResponse('THROTTLED', { StatusCode: '503' }, 'Other'));
    expect(resolveClientResponse(tpl, 'THROTTLED', undefined, 'Api').source).toBe('aws-default');
    expect(resolveClientResponse(tpl, 'THROTTLED', undefined, 'Other').statusCode).toBe('503');
  });

  test('an unknown type without a failure status is an error', () => {
    expect(() => resolveClientResponse(template(), 'NOT_A_TYPE')).toThrow(/unknown responseType 'NOT_A_TYPE'/);
    expect(ErrorContract.clientResponse(template(), 'NOT_A_TYPE', '500').statusCode).toBe('500');
  });
});

function stackWith(build: (stack: cdk.Stack, handler: lambda.Function) => void): any {
  const stack = new cdk.Stack();
  const handler = newHandler(stack);
  build(stack, handler);
  return Template.fromStack(stack).toJSON();
}

describe('what clients get, derived from synthesized templates', () => {
  const plain = stackWith((stack, handler) => new apigateway.LambdaRestApi(stack, 'Api', { handler }));
  const ours = stackWith((stack, handler) => new ResilientLambdaRestApi(stack, 'Api', { handler }));

  test.each(FAILURE_MODES.map((m) => [m.id, m] as const))('%s: plain LambdaRestApi answers with AWS defaults', (_, mode) => {
    const response = resolveClientResponse(plain, mode.responseType, mode.uncustomisedStatus);
    expect(response).toMatchObject({ statusCode: mode.uncustomisedStatus, source: 'aws-default' });
  });

  test.each<[string, string]>([
    ['function-timeout', '504'],
    ['function-error', '502'],
    ['malformed-proxy-response', '502'],
    ['missing-invoke-permission', '500'],
    ['lambda-throttle', '502'],
    ['api-throttle', '429'],
    ['quota-exhausted', '429'],
  ])('%s: ResilientLambdaRestApi answers %s from a customised response', (id, status) => {
    const mode = FAILURE_MODES.find((m) => m.id === id)!;
    expect(resolveClientResponse(ours, mode.responseType, mode.uncustomisedStatus)).toMatchObject({ statusCode: status, source: 'customised' });
  });

  test('the README table is rendered from the template, unverified rows marked', () => {
    const table = renderFailureModeTable(ours);
    const lines = table.split('\n');
    expect(lines).toHaveLength(2 + FAILURE_MODES.length);
    expect(lines.find((l) => l.startsWith('| The function ran past'))).toContain('504 `INTEGRATION_TIMEOUT`, retryable: true');
    expect(lines.find((l) => l.startsWith('| The stage or usage plan'))).toContain('429 `THROTTLED`, retryable: true, Retry-After 1 s');
    const malformed = lines.find((l) => l.startsWith('| The function returned a proxy response'))!;
    expect(malformed).toContain('`INTEGRATION_FAILURE` or `API_CONFIGURATION_ERROR` (*unverified*)');
    expect(malformed).toContain('502 `INTEGRATION_FAILURE`, retryable: false<br>or 500 `API_CONFIGURATION_ERROR`, retryable: false');
    expect(lines.filter((l) => l.includes('*unverified*'))).toHaveLength(3);
  });

  test('the table names what proves each row on AWS, where it is told, and a dash where nothing does', () => {
    const lines = renderFailureModeTable(ours, undefined, { 'function-timeout': 'the lab\'s `/timeout`' }).split('\n');
    expect(lines[0]).toMatch(/\| ResilientLambdaRestApi \| Proved on AWS by \|$/);
    expect(lines[1]).toBe('|---|---|---|---|---|---|');
    expect(lines.find((l) => l.startsWith('| The function ran past'))).toMatch(/ \| the lab's `\/timeout` \|$/);
    expect(lines.find((l) => l.startsWith('| The usage plan quota'))).toMatch(/ \| — \|$/);
  });

  test('the table of a plain LambdaRestApi shows AWS bodies', () => {
    expect(renderFailureModeTable(plain)).toContain('| 504 `INTEGRATION_TIMEOUT` |');
  });
});
