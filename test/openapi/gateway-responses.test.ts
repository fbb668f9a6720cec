import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { substituteHostile } from '../../src/checks';
import { ERROR_RESPONSE_DEFAULTS, JSON_CONTENT_TYPE, renderErrorResponses } from '../../src/contract/error-responses';
import { documentGatewayResponses, inheritFallbackHeaders, renderGatewayResponsesExtension } from '../../src/openapi/gateway-responses';

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
      expect.stringMatching(/^x-amazon-apigateway-gateway-responses\.INTEGRATION_TIMEOUT\.responseParameters\['gatewayresponse\.header\.X-A'\] is not a legal mapping expression/),
      expect.stringMatching(/^x-amazon-apigateway-gateway-responses\.INTEGRATION_TIMEOUT\.responseTemplates\['application\/json'\] is not valid JSON .*\$context\.error\.messageString: it is already a quoted JSON string/),
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

describe('inheritFallbackHeaders', () => {
  const type = (t: string) => apigateway.ResponseType.of(t);
  const cors = { 'Access-Control-Allow-Origin': "'https://a.example'" };

  test('gives every type of a class the headers the document sets on its fallback; a type\'s own headers win', () => {
    const document = [
      { type: type('DEFAULT_4XX'), responseHeaders: cors },
      { type: type('UNAUTHORIZED'), responseHeaders: { 'Access-Control-Allow-Origin': "'https://login.example'" } },
    ];
    const own = [{ type: type('THROTTLED'), responseHeaders: { 'Access-Control-Allow-Origin': "'https://t.example'" } }];
    const rendered = renderErrorResponses({ overrides: [...document, ...own] });
    const byType = Object.fromEntries(inheritFallbackHeaders(rendered, document, own).map((r) => [r.responseType, r.responseHeaders]));
    for (const t of ['ACCESS_DENIED', 'MISSING_AUTHENTICATION_TOKEN', 'QUOTA_EXCEEDED', 'BAD_REQUEST_BODY', 'DEFAULT_4XX']) {
      expect(byType[t]).toMatchObject({ ...cors, 'Cache-Control': "'no-store'" });
    }
    expect(byType.UNAUTHORIZED['Access-Control-Allow-Origin']).toBe("'https://login.example'");
    expect(byType.THROTTLED['Access-Control-Allow-Origin']).toBe("'https://t.example'");
    for (const t of ['INTEGRATION_TIMEOUT', 'INTEGRATION_FAILURE', 'DEFAULT_5XX']) {
      expect(byType[t]['Access-Control-Allow-Origin']).toBeUndefined();
    }
  });

  test('follows a type\'s status, not its name, and leaves the responses alone without fallback headers', () => {
    const document = [{ type: type('DEFAULT_5XX'), responseHeaders: cors }];
    const own = [{ type: type('THROTTLED'), statusCode: '503' }];
    const rendered = renderErrorResponses({ overrides: [...document, ...own] });
    const byType = Object.fromEntries(inheritFallbackHeaders(rendered, document, own).map((r) => [r.responseType, r.responseHeaders]));
    expect(byType.THROTTLED).toMatchObject(cors);
    expect(byType.INTEGRATION_TIMEOUT).toMatchObject(cors);
    expect(byType.UNAUTHORIZED['Access-Control-Allow-Origin']).toBeUndefined();
    const plain = renderErrorResponses();
    expect(inheritFallbackHeaders(plain, [], [])).toBe(plain);
  });
});
