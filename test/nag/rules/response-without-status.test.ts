import { ResponseWithoutStatus } from '../../../src/nag/rules/response-without-status';
import { findings, gatewayResponse, restApi, specRestApi, template } from '../fixtures';

describe('ResponseWithoutStatus', () => {
  test.each(['UNAUTHORIZED', 'ACCESS_DENIED', 'THROTTLED', 'INTEGRATION_TIMEOUT', 'AUTHORIZER_FAILURE', 'RESOURCE_NOT_FOUND'])(
    'does not fire on %s without a status: it answers the status it had before (documented, or recorded for AUTHORIZER_FAILURE)', (type) => {
      expect(findings(ResponseWithoutStatus, template(restApi(), gatewayResponse(type)))).toEqual([]);
    });

  test('fires where the fallback of its class sets a status: the type leaves it for its own default', () => {
    expect(findings(ResponseWithoutStatus, template(restApi(), gatewayResponse('UNAUTHORIZED'), gatewayResponse('DEFAULT_4XX', { StatusCode: '400' }))))
      .toEqual(['ResponseUNAUTHORIZED: UNAUTHORIZED has no status code: answers 401 where DEFAULT_4XX gave it 400']);
  });

  test('does not fire where a fallback of the other class or of another API sets a status', () => {
    const otherApi = gatewayResponse('DEFAULT_4XX', { RestApiId: { Ref: 'Other' }, StatusCode: '400' }, 'OtherDefault4xx');
    expect(findings(ResponseWithoutStatus, template(restApi(), restApi({}, 'Other'), gatewayResponse('UNAUTHORIZED'), otherApi,
      gatewayResponse('DEFAULT_5XX', { StatusCode: '503' })))).toEqual([]);
  });

  test('fires where the status is not settled: API_CONFIGURATION_ERROR may carry a malformed proxy response (502 before)', () => {
    expect(findings(ResponseWithoutStatus, template(restApi(), gatewayResponse('API_CONFIGURATION_ERROR'))))
      .toEqual(['ResponseAPI_CONFIGURATION_ERROR: API_CONFIGURATION_ERROR has no status code: answers 500 (documented), but a failure it may carry (*unverified*) answered 502 before']);
  });

  test('fires in an OpenAPI body', () => {
    const body = { 'x-amazon-apigateway-gateway-responses': { DEFAULT_4XX: { statusCode: '400' }, UNAUTHORIZED: { responseTemplates: { 'application/json': '{}' } } } };
    expect(findings(ResponseWithoutStatus, template(specRestApi(body)))).toHaveLength(1);
  });

  test('does not fire on a status, on the fallbacks, on an unknown type, or on INTEGRATION_FAILURE (a rule of its own)', () => {
    expect(findings(ResponseWithoutStatus, template(restApi(), gatewayResponse('API_CONFIGURATION_ERROR', { StatusCode: '500' }),
      gatewayResponse('DEFAULT_4XX'), gatewayResponse('NOT_A_TYPE'), gatewayResponse('INTEGRATION_FAILURE')))).toEqual([]);
  });
});
