import * as fs from 'fs';
import * as path from 'path';
import { INTEGRATION_FAILURE_WITHOUT_STATUS } from '../../../src/contract/failure-modes';
import { IntegrationFailureWithoutStatus } from '../../../src/nag/rules/integration-failure-without-status';
import { findings, gatewayResponse, restApi, specRestApi, template } from '../fixtures';

describe('IntegrationFailureWithoutStatus', () => {
  test('fires on INTEGRATION_FAILURE customised without a status, naming both the documented 504 and the recorded 500', () => {
    expect(findings(IntegrationFailureWithoutStatus, template(restApi(), gatewayResponse('INTEGRATION_FAILURE', { ResponseTemplates: { 'application/json': '{}' } }))))
      .toEqual(['ResponseINTEGRATION_FAILURE: INTEGRATION_FAILURE has no status code: 504 as documented or 500 as recorded from AWS, not the 502 of a function error']);
  });

  test('says what is known, in the words of the failure-mode catalogue and the README', () => {
    expect(INTEGRATION_FAILURE_WITHOUT_STATUS).toMatch(/documents 504.*recorded.*500.*not the 502 of a function error/);
    expect(IntegrationFailureWithoutStatus.trap).toContain(INTEGRATION_FAILURE_WITHOUT_STATUS);
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(INTEGRATION_FAILURE_WITHOUT_STATUS);
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
