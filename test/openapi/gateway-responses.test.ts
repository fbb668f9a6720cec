import { substituteHostile } from '../../src/checks';
import { ERROR_RESPONSE_DEFAULTS, JSON_CONTENT_TYPE, renderErrorResponses } from '../../src/contract/error-responses';
import { documentGatewayResponses, renderGatewayResponsesExtension } from '../../src/openapi/gateway-responses';

describe('documentGatewayResponses', () => {
  test('reads the document\'s gateway responses as overrides', () => {
    const result = documentGatewayResponses({
      'x-amazon-apigateway-gateway-responses': {
        UNAUTHORIZED: {
          statusCode: 401,
          responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" },
          responseTemplates: { 'application/json': '{"message":$context.error.messageString}' },
        },
        THROTTLED: {},
      },
    });
    expect(result.errors).toEqual([]);
    expect(result.overrides.map((o) => ({ ...o, type: o.type.responseType }))).toEqual([
      {
        type: 'UNAUTHORIZED',
        statusCode: '401',
        responseHeaders: { 'WWW-Authenticate': "'Bearer'" },
        templates: { 'application/json': '{"message":$context.error.messageString}' },
      },
      { type: 'THROTTLED', statusCode: undefined, responseHeaders: undefined, templates: undefined },
    ]);
  });

  test('checks them like errorResponses, naming them by their place in the document', () => {
    const result = documentGatewayResponses({
      'x-amazon-apigateway-gateway-responses': {
        INTEGRATION_TIMEOUT: {
          statusCode: '99',
          responseParameters: { 'gatewayresponse.header.X-A': 'unquoted', 'gatewayresponse.path.p': "'x'" },
          responseTemplates: { 'application/json': '{"message":"$context.error.messageString"}' },
        },
        DEFAULT_5XX: { statusCode: '503' },
      },
    });
    expect(result.errors).toEqual([
      "x-amazon-apigateway-gateway-responses.INTEGRATION_TIMEOUT.responseParameters has 'gatewayresponse.path.p': gateway responses only map headers (gatewayresponse.header.NAME)",
      expect.stringMatching(/^x-amazon-apigateway-gateway-responses\.INTEGRATION_TIMEOUT\.statusCode must be an HTTP status code/),
      expect.stringMatching(/^x-amazon-apigateway-gateway-responses\.INTEGRATION_TIMEOUT\.responseHeaders\['X-A'\] is not a legal mapping expression/),
      expect.stringMatching(/^x-amazon-apigateway-gateway-responses\.INTEGRATION_TIMEOUT\.templates\['application\/json'\] is not valid JSON/),
    ]);
    expect(result.warnings.map((w) => w.id)).toEqual(['fallbackStatusCode']);
  });

  test('refuses gateway responses that are no object', () => {
    expect(documentGatewayResponses({ 'x-amazon-apigateway-gateway-responses': [] }).errors).toEqual([
      'x-amazon-apigateway-gateway-responses must be an object of gateway responses by type',
    ]);
  });
});

describe('renderGatewayResponsesExtension', () => {
  const HOSTILE_MESSAGES = ['quote " backslash \\', 'line\nbreak', '$context.requestId', '#if($x)', '\u2028', '</script>'];

  test('renders every response type of the contract, as API Gateway imports them', () => {
    const extension = renderGatewayResponsesExtension(renderErrorResponses({ throttledRetryAfterSeconds: 1, commonHeaders: { 'Access-Control-Allow-Origin': "'*'" } }));
    expect(Object.keys(extension)).toEqual(ERROR_RESPONSE_DEFAULTS.map((d) => d.responseType));
    expect(extension.THROTTLED).toEqual({
      statusCode: '429',
      responseParameters: {
        'gatewayresponse.header.Cache-Control': "'no-store'",
        'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
        'gatewayresponse.header.Retry-After': "'1'",
      },
      responseTemplates: { [JSON_CONTENT_TYPE]: expect.any(String) },
    });
    expect(extension.DEFAULT_4XX.statusCode).toBeUndefined();
  });

  test.each(HOSTILE_MESSAGES)('every response stays valid JSON with hostile values, fixed messages included: %j', (message) => {
    const overrides = ERROR_RESPONSE_DEFAULTS.map((d) => ({ type: { responseType: d.responseType } as any, message }));
    for (const rendered of [renderErrorResponses(), renderErrorResponses({ overrides })]) {
      const extension = renderGatewayResponsesExtension(rendered);
      for (const [type, response] of Object.entries<any>(extension)) {
        const body = JSON.parse(substituteHostile(response.responseTemplates[JSON_CONTENT_TYPE], message));
        expect(body).toMatchObject({ requestId: 'a1b2-c3d4' });
        if (!['DEFAULT_4XX', 'DEFAULT_5XX'].includes(type)) {
          expect(body.type).toBe(type);
        }
      }
    }
  });
});
