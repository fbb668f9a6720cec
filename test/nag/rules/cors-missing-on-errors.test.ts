import { CorsMissingOnErrors } from '../../../src/nag/rules/cors-missing-on-errors';
import { findings, gatewayResponse, method, restApi, specRestApi, template } from '../fixtures';

const PREFLIGHT = method({
  Type: 'MOCK',
  IntegrationResponses: [{ StatusCode: '204', ResponseParameters: { 'method.response.header.Access-Control-Allow-Origin': "'*'" } }],
}, { HttpMethod: 'OPTIONS' }, 'Options');
const ORIGIN = { ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } };

describe('CorsMissingOnErrors', () => {
  test('fires on an API with preflights and no gateway responses at all', () => {
    expect(findings(CorsMissingOnErrors, template(restApi(), PREFLIGHT))).toEqual(['Api: no Access-Control-Allow-Origin on DEFAULT_4XX, DEFAULT_5XX']);
  });

  test('fires on a customised type without the header, even when the fallbacks have it', () => {
    expect(findings(CorsMissingOnErrors, template(restApi(), PREFLIGHT, gatewayResponse('DEFAULT_4XX', ORIGIN), gatewayResponse('DEFAULT_5XX', ORIGIN),
      gatewayResponse('THROTTLED', { StatusCode: '429' })))).toEqual(['Api: no Access-Control-Allow-Origin on THROTTLED']);
  });

  test('fires on a SpecRestApi with an options operation', () => {
    const body = {
      paths: { '/': { options: { 'x-amazon-apigateway-integration': { type: 'mock', responses: { default: { statusCode: '204', responseParameters: { 'method.response.header.Access-Control-Allow-Origin': "'*'" } } } } } } },
    };
    expect(findings(CorsMissingOnErrors, template(specRestApi(body)))).toHaveLength(1);
  });

  test('does not fire when every answering response has the header, nor on an API without preflights', () => {
    expect(findings(CorsMissingOnErrors, template(restApi(), PREFLIGHT, gatewayResponse('DEFAULT_4XX', ORIGIN), gatewayResponse('DEFAULT_5XX', ORIGIN)))).toEqual([]);
    expect(findings(CorsMissingOnErrors, template(restApi()))).toEqual([]);
  });
});
