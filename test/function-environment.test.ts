import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newHandler, newStack, warningIds } from './util';
import * as nodeHelper from '../handlers/node/src';
import { ResilientLambdaRestApi, ResilientSpecRestApi } from '../src';
import { corsHeadersForErrors } from '../src/contract/error-responses';
import { ERROR_HEADERS_ENV, INTEGRATION_TIMEOUT_ENV } from '../src/function-environment';

function environmentOf(template: Template, logicalIdPrefix: string): { [name: string]: string } {
  const [fn] = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => id.startsWith(logicalIdPrefix));
  return fn[1].Properties.Environment?.Variables ?? {};
}

describe('the construct tells the functions it integrates their deadline and the error headers', () => {
  test('the handler gets the integration timeout in ms and the CORS headers of error responses', () => {
    const stack = newStack();
    const cors = { allowOrigins: ['https://app.example.com'], allowCredentials: true };
    new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), integrationOptions: { timeout: Duration.seconds(10) }, defaultCorsPreflightOptions: cors });
    const env = environmentOf(Template.fromStack(stack), 'Handler');
    expect(env[INTEGRATION_TIMEOUT_ENV]).toBe('10000');
    expect(JSON.parse(env[ERROR_HEADERS_ENV])).toEqual(corsHeadersForErrors(cors));
  });

  test('the user\'s own environment stays', () => {
    const stack = newStack();
    new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack, 'Handler', { environment: { TABLE: 'orders' } }) });
    expect(environmentOf(Template.fromStack(stack), 'Handler')).toEqual({ TABLE: 'orders', [INTEGRATION_TIMEOUT_ENV]: '29000', [ERROR_HEADERS_ENV]: '{}' });
  });

  test('with per-method permissions too', () => {
    const stack = newStack();
    new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), integrationOptions: { scopePermissionToMethod: true } });
    expect(environmentOf(Template.fromStack(stack), 'Handler')[INTEGRATION_TIMEOUT_ENV]).toBe('29000');
  });

  test.each([true, false])('another function gets its own integration\'s timeout (per-method permissions %s)', (perMethod) => {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false, integrationOptions: { scopePermissionToMethod: perMethod } });
    api.root.addResource('slow').addMethod('GET', api.lambdaIntegration(newHandler(stack, 'Slow'), { timeout: Duration.seconds(3) }));
    expect(environmentOf(Template.fromStack(stack), 'Slow')[INTEGRATION_TIMEOUT_ENV]).toBe('3000');
    expect(warningIds(stack)).not.toContain('resilient-lambda-rest-api:functionToldSeveralDeadlines');
  });

  test('a function behind two timeouts gets the shortest, with a warning', () => {
    const stack = newStack();
    const handler = newHandler(stack);
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler, proxy: false });
    api.root.addResource('quick').addMethod('GET', api.lambdaIntegration(handler, { timeout: Duration.seconds(2) }));
    expect(environmentOf(Template.fromStack(stack), 'Handler')[INTEGRATION_TIMEOUT_ENV]).toBe('2000');
    expect(warningIds(stack)).toContain('resilient-lambda-rest-api:functionToldSeveralDeadlines');
  });

  test('ResilientSpecRestApi tells every function bound in integrations; an imported one is left alone', () => {
    const stack = newStack();
    const paths = { '/a': { get: { operationId: 'a', responses: { 200: { description: 'ok' } } } }, '/b': { get: { operationId: 'b', responses: { 200: { description: 'ok' } } } } };
    new ResilientSpecRestApi(stack, 'Api', {
      apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths }),
      integrations: { a: newHandler(stack, 'A'), b: lambda.Function.fromFunctionArn(stack, 'B', 'arn:aws:lambda:eu-west-1:123456789012:function:b') },
      integrationTimeout: Duration.seconds(8),
    });
    expect(environmentOf(Template.fromStack(stack), 'A')[INTEGRATION_TIMEOUT_ENV]).toBe('8000');
  });
});

describe('the helpers read the variables the construct writes', () => {
  test('Node.js', () => {
    expect([nodeHelper.INTEGRATION_TIMEOUT_ENV, nodeHelper.ERROR_HEADERS_ENV]).toEqual([INTEGRATION_TIMEOUT_ENV, ERROR_HEADERS_ENV]);
  });

  test('Python', () => {
    const source = fs.readFileSync(path.join(__dirname, '..', 'handlers', 'python', 'src', 'resilient_lambda_rest_api_handler', 'constants.py'), 'utf8');
    const constant = (name: string) => new RegExp(`^${name} = "([^"]+)"`, 'm').exec(source)?.[1];
    expect([constant('INTEGRATION_TIMEOUT_ENV'), constant('ERROR_HEADERS_ENV')]).toEqual([INTEGRATION_TIMEOUT_ENV, ERROR_HEADERS_ENV]);
    expect([constant('METRICS_NAMESPACE'), constant('FUNCTION_ERRORS_METRIC'), constant('FUNCTION_DEADLINES_METRIC')])
      .toEqual([nodeHelper.METRICS_NAMESPACE, nodeHelper.FUNCTION_ERRORS_METRIC, nodeHelper.FUNCTION_DEADLINES_METRIC]);
  });
});
