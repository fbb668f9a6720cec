import { gatewayResponsesDefinedBy } from '../rest-api';
import { ResilienceRule } from '../rule';

/** INTEGRATION_FAILURE customised without a status code: its status is AWS's documented default (504), not the 502 of a function error. */
export const IntegrationFailureWithoutStatus: ResilienceRule = {
  id: 'IntegrationFailureWithoutStatus',
  level: 'Error',
  trap: 'INTEGRATION_FAILURE customised without a status code answers with its documented default, 504 (users report that flip; unverified by us): function errors and Lambda throttles (502 or 500 uncustomised) reach clients as gateway timeouts.',
  fix: 'Set an explicit statusCode on the INTEGRATION_FAILURE gateway response (502 is what an uncustomised function error gives).',
  check: (logicalId, resource) => gatewayResponsesDefinedBy(logicalId, resource)
    .filter((r) => r.responseType === 'INTEGRATION_FAILURE' && r.statusCode === undefined)
    .map(() => 'INTEGRATION_FAILURE has no status code (documented default 504)'),
};
