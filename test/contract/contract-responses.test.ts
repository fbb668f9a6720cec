import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ResilientLambdaRestApi, ResilientLambdaRestApiProps } from '../../src';
import { checkAddedGatewayResponse } from '../../src/contract/contract-responses';
import { corsHeadersForErrors } from '../../src/contract/error-responses';
import { newHandler, newStack, resourcesOf, warningIds } from '../util';

const CORS = corsHeadersForErrors({ allowOrigins: ['https://shop.example'] });
const CONTRACT = { setBy: 'contract' as const, id: 'ErrorResponse_X' };
const JSON_BODY = { 'application/json': '{"message":$context.error.messageString}' };

describe('checkAddedGatewayResponse', () => {
  const ids = (result: { warnings: Array<{ id: string }> }) => result.warnings.map((w) => w.id);

  test.each([
    ['a complete response', { type: 'INTEGRATION_FAILURE', statusCode: '502', templates: JSON_BODY }, {}, []],
    ['no status on a specific type', { type: 'INTEGRATION_FAILURE' }, {}, ['gatewayResponseWithoutStatus']],
    ['no status on a fallback type', { type: 'DEFAULT_5XX' }, {}, []],
    ['a status on a fallback type', { type: 'DEFAULT_5XX', statusCode: '500' }, {}, ['fallbackStatusCode']],
    ['a JSON body that a quote breaks', { type: 'THROTTLED', statusCode: '429', templates: { 'application/json': '{"m":"$context.error.message"}' } }, {},
      ['gatewayResponseBodyNotJson']],
    ['a body that is not JSON at all', { type: 'THROTTLED', statusCode: '429', templates: { 'text/html': '<h1>slow down</h1>' } }, {},
      ['gatewayResponseBodyNotJson']],
    ['no CORS headers on an API with CORS', { type: 'DEFAULT_4XX' }, CORS, ['gatewayResponseWithoutCors']],
    ['the CORS headers, in any case', { type: 'DEFAULT_4XX', responseHeaders: { 'access-control-allow-origin': "'https://shop.example'" } }, CORS, []],
  ])('%s', (_what, response, cors, expected) => {
    const result = checkAddedGatewayResponse("addGatewayResponse('R')", response, CONTRACT, cors);
    expect(result.errors).toEqual([]);
    expect(ids(result)).toEqual(expected);
  });

  test('the contract\'s status is named when a specific type has none', () => {
    const result = checkAddedGatewayResponse("addGatewayResponse('R')", { type: 'INTEGRATION_FAILURE' }, CONTRACT, {});
    expect(result.warnings[0].message).toMatch(/the contract's is 502/);
  });

  test.each([
    ['a status that is not one', { type: 'THROTTLED', statusCode: '42' }, CONTRACT, /statusCode must be an HTTP status code/],
    ['an unquoted header literal', { type: 'THROTTLED', statusCode: '429', responseHeaders: { 'Retry-After': '1' } }, CONTRACT, /not a legal mapping expression/],
    ['a type already set by errorResponses', { type: 'THROTTLED', statusCode: '429' }, { setBy: 'errorResponses' as const, id: 'x' }, /already set by errorResponses/],
    ['a type already added', { type: 'THROTTLED', statusCode: '429' }, { setBy: 'addGatewayResponse' as const, id: 'First' }, /already set by addGatewayResponse\('First'\)/],
  ])('%s is an error', (_what, response, replaced, message) => {
    expect(checkAddedGatewayResponse("addGatewayResponse('R')", response, replaced, {}).errors).toEqual([expect.stringMatching(message)]);
  });
});

describe('addGatewayResponse on the API', () => {
  function build(props: Partial<ResilientLambdaRestApiProps> = {}) {
    const stack = newStack();
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), ...props });
    return { stack, api };
  }
  const responsesOfType = (template: Template, type: string) =>
    Object.entries(resourcesOf(template, 'AWS::ApiGateway::GatewayResponse')).filter(([, p]) => p.ResponseType === type);
  const deploymentOf = (template: Template) => Object.entries(template.findResources('AWS::ApiGateway::Deployment'))[0];

  test('an app\'s own DEFAULT_5XX replaces the contract\'s: one resource for the type, under the app\'s id', () => {
    const { stack, api } = build();
    const added = api.addGatewayResponse('Cors5xx', {
      type: apigateway.ResponseType.DEFAULT_5XX,
      responseHeaders: { 'Access-Control-Allow-Origin': "'*'" },
    });
    const template = Template.fromStack(stack);
    const of5xx = responsesOfType(template, 'DEFAULT_5XX');
    expect(of5xx).toHaveLength(1);
    expect(of5xx[0][0]).toMatch(/^ApiCors5xx/);
    expect(of5xx[0][1].ResponseParameters).toEqual({ 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" });
    template.resourceCountIs('AWS::ApiGateway::GatewayResponse', 21);
    expect(api.errorResponses.DEFAULT_5XX).toBe(added);
    // The stage's deployment waits for the response that is there, and for none that is not.
    const [, deployment] = deploymentOf(template);
    expect(deployment.DependsOn).toContain(of5xx[0][0]);
    const responseIds = Object.keys(resourcesOf(template, 'AWS::ApiGateway::GatewayResponse'));
    for (const dependency of deployment.DependsOn.filter((d: string) => d.startsWith('ApiErrorResponse') || d.startsWith('ApiCors'))) {
      expect(responseIds).toContain(dependency);
    }
  });

  test('a change to the added response changes the deployment, so the stage gets it', () => {
    const deploymentId = (status: string) => {
      const { stack, api } = build();
      api.addGatewayResponse('Throttled', { type: apigateway.ResponseType.THROTTLED, statusCode: status, templates: JSON_BODY });
      return deploymentOf(Template.fromStack(stack))[0];
    };
    expect(deploymentId('429')).not.toBe(deploymentId('503'));
  });

  test('the guarantees it drops are warnings', () => {
    const { stack, api } = build({ defaultCorsPreflightOptions: { allowOrigins: ['https://shop.example'] } });
    api.addGatewayResponse('Failure', { type: apigateway.ResponseType.INTEGRATION_FAILURE, templates: { 'text/plain': 'failed' } });
    expect(warningIds(stack)).toEqual(expect.arrayContaining([
      'resilient-lambda-rest-api:gatewayResponseWithoutStatus',
      'resilient-lambda-rest-api:gatewayResponseBodyNotJson',
      'resilient-lambda-rest-api:gatewayResponseWithoutCors',
    ]));
  });

  test('what the deploy would refuse, or a type set twice, is a synth-time error', () => {
    const { api } = build({ errorResponses: [{ type: apigateway.ResponseType.QUOTA_EXCEEDED, statusCode: '403' }] });
    expect(() => api.addGatewayResponse('Bad', { type: apigateway.ResponseType.THROTTLED, statusCode: '4290' })).toThrow(/statusCode must be/);
    expect(() => api.addGatewayResponse('Quota', { type: apigateway.ResponseType.QUOTA_EXCEEDED, statusCode: '429' })).toThrow(/already set by errorResponses/);
    api.addGatewayResponse('First', { type: apigateway.ResponseType.THROTTLED, statusCode: '429' });
    expect(() => api.addGatewayResponse('Second', { type: apigateway.ResponseType.THROTTLED, statusCode: '429' }))
      .toThrow(/already set by addGatewayResponse\('First'\)/);
  });

  test('a type outside the contract is added as by RestApi', () => {
    const { stack, api } = build();
    api.addGatewayResponse('Future', { type: apigateway.ResponseType.of('SOME_NEW_TYPE'), statusCode: '500' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::GatewayResponse', 22);
    expect(deploymentOf(template)[1].DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^ApiFuture/)]));
  });
});
