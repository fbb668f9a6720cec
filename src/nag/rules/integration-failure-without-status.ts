import { gatewayResponsesDefinedBy } from '../rest-api';
import { ResilienceRule } from '../rule';

/** INTEGRATION_FAILURE customised without a status code: every function error and throttle turns into 504. */
export const IntegrationFailureWithoutStatus: ResilienceRule = {
  id: 'IntegrationFailureWithoutStatus',
  level: 'Error',
  trap: 'INTEGRATION_FAILURE customised without a status code answers with its documented default, 504: function errors and Lambda throttles (502 or 500 uncustomised) reach clients as gateway timeouts.',
  fix: 'Set an explicit statusCode on the INTEGRATION_FAILURE gateway response (502 is what an uncustomised function error gives).',
  check: (logicalId, resource) => gatewayResponsesDefinedBy(logicalId, resource)
    .filter((r) => r.responseType === 'INTEGRATION_FAILURE' && r.statusCode === undefined)
    .map(() => 'INTEGRATION_FAILURE has no status code (answers 504)'),
};
