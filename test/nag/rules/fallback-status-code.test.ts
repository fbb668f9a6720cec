import { FallbackStatusCode } from '../../../src/nag/rules/fallback-status-code';
import { findings, gatewayResponse, restApi, specRestApi, template } from '../fixtures';

describe('FallbackStatusCode', () => {
  test('fires on DEFAULT_5XX with a status code', () => {
    expect(findings(FallbackStatusCode, template(restApi(), gatewayResponse('DEFAULT_5XX', { StatusCode: '500' }))))
      .toEqual(['ResponseDEFAULT_5XX: DEFAULT_5XX sets status 500']);
  });

  test('fires on a SpecRestApi whose OpenAPI body sets the status of DEFAULT_4XX', () => {
    const body = { 'x-amazon-apigateway-gateway-responses': { DEFAULT_4XX: { statusCode: '400' } } };
    expect(findings(FallbackStatusCode, template(specRestApi(body)))).toEqual(['Api: DEFAULT_4XX sets status 400']);
  });

  test('does not fire on fallbacks without a status, nor on specific types with one', () => {
    expect(findings(FallbackStatusCode, template(restApi(), gatewayResponse('DEFAULT_5XX'), gatewayResponse('THROTTLED', { StatusCode: '429' })))).toEqual([]);
  });
});
