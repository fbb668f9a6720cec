import { ResponseWithoutStatus } from '../../../src/nag/rules/response-without-status';
import { findings, gatewayResponse, restApi, template } from '../fixtures';

describe('ResponseWithoutStatus', () => {
  test('fires on a specific type customised without a status, naming the status it answers', () => {
    expect(findings(ResponseWithoutStatus, template(restApi(), gatewayResponse('ACCESS_DENIED'))))
      .toEqual(['ResponseACCESS_DENIED: ACCESS_DENIED has no status code (answers 403)']);
  });

  test('does not fire on a status, on the fallbacks, or on INTEGRATION_FAILURE (a rule of its own)', () => {
    expect(findings(ResponseWithoutStatus, template(restApi(), gatewayResponse('ACCESS_DENIED', { StatusCode: '403' }),
      gatewayResponse('DEFAULT_4XX'), gatewayResponse('INTEGRATION_FAILURE')))).toEqual([]);
  });
});
