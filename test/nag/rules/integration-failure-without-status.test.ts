import { IntegrationFailureWithoutStatus } from '../../../src/nag/rules/integration-failure-without-status';
import { findings, gatewayResponse, restApi, specRestApi, template } from '../fixtures';

describe('IntegrationFailureWithoutStatus', () => {
  test('fires on INTEGRATION_FAILURE customised without a status (documented default 504)', () => {
    expect(findings(IntegrationFailureWithoutStatus, template(restApi(), gatewayResponse('INTEGRATION_FAILURE', { ResponseTemplates: { 'application/json': '{}' } }))))
      .toEqual(['ResponseINTEGRATION_FAILURE: INTEGRATION_FAILURE has no status code (documented default 504)']);
  });

  test('fires in an OpenAPI body', () => {
    const body = { 'x-amazon-apigateway-gateway-responses': { INTEGRATION_FAILURE: { responseTemplates: { 'application/json': '{}' } } } };
    expect(findings(IntegrationFailureWithoutStatus, template(specRestApi(body)))).toHaveLength(1);
  });

  test('does not fire with an explicit status, nor on other types without one', () => {
    expect(findings(IntegrationFailureWithoutStatus, template(restApi(),
      gatewayResponse('INTEGRATION_FAILURE', { StatusCode: '502' }), gatewayResponse('THROTTLED')))).toEqual([]);
  });
});
