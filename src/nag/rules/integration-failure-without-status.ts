import { INTEGRATION_FAILURE_WITHOUT_STATUS } from '../../contract/failure-modes';
import { gatewayResponsesDefinedBy } from '../rest-api';
import { ResilienceRule } from '../rule';

/** INTEGRATION_FAILURE customised without a status code: function errors and throttles stop answering 502 and 500. */
export const IntegrationFailureWithoutStatus: ResilienceRule = {
  id: 'IntegrationFailureWithoutStatus',
  level: 'Error',
  trap: `INTEGRATION_FAILURE customised without a status code changes the status of function errors (502 uncustomised) and Lambda throttles: ${INTEGRATION_FAILURE_WITHOUT_STATUS}`,
  fix: 'Set an explicit statusCode on the INTEGRATION_FAILURE gateway response (502 is what an uncustomised function error gives).',
  check: (logicalId, resource) => gatewayResponsesDefinedBy(logicalId, resource)
    .filter((r) => r.responseType === 'INTEGRATION_FAILURE' && r.statusCode === undefined)
    .map(() => 'INTEGRATION_FAILURE has no status code: 504 as documented or 500 as recorded from AWS, not the 502 of a function error'),
};
