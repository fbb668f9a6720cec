import { TemplateNotJson } from '../../../src/nag/rules/template-not-json';
import { findings, gatewayResponse, restApi, specRestApi, template } from '../fixtures';

describe('TemplateNotJson', () => {
  test('does not fire on "$context.requestId" inside quotes (a client may set it, but only to a UUID: no quote can get in)', () => {
    const response = gatewayResponse('DEFAULT_4XX', { ResponseTemplates: { 'application/json': '{"message":$context.error.messageString,"requestId":"$context.requestId"}' } });
    expect(findings(TemplateNotJson, template(restApi(), response))).toEqual([]);
  });

  test('still fires on a variable that merely starts like the request id', () => {
    const response = gatewayResponse('DEFAULT_4XX', { ResponseTemplates: { 'application/json': '{"id":"$context.requestIdSuffix"}' } });
    expect(findings(TemplateNotJson, template(restApi(), response))).toHaveLength(1);
  });

  test('fires on "$context.error.message" inside quotes (a message with a quote breaks it)', () => {
    const response = gatewayResponse('DEFAULT_5XX', { ResponseTemplates: { 'application/json': '{"message":"$context.error.message"}' } });
    expect(findings(TemplateNotJson, template(restApi(), response))).toEqual(['ResponseDEFAULT_5XX: DEFAULT_5XX template for application/json breaks JSON']);
  });

  test('fires in an OpenAPI body', () => {
    const body = { 'x-amazon-apigateway-gateway-responses': { DEFAULT_4XX: { responseTemplates: { 'application/json': '{"path":"$context.path"}' } } } };
    expect(findings(TemplateNotJson, template(specRestApi(body)))).toHaveLength(1);
  });

  test('does not fire on $context.error.messageString unquoted and generated ids in quotes, nor on non-JSON content types', () => {
    expect(findings(TemplateNotJson, template(restApi(),
      gatewayResponse('DEFAULT_5XX', { ResponseTemplates: { 'application/json': '{"message":$context.error.messageString,"id":"$context.extendedRequestId"}' } }),
      gatewayResponse('DEFAULT_4XX', { ResponseTemplates: { 'text/plain': '$context.error.message' } })))).toEqual([]);
  });
});
