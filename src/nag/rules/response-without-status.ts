import { DOCUMENTED_DEFAULT_STATUS } from '../../contract/failure-modes';
import { gatewayResponsesDefinedBy } from '../rest-api';
import { ResilienceRule } from '../rule';

/**
 * A specific response type customised without a status code: its status is the documented default,
 * not necessarily what was meant. INTEGRATION_FAILURE has a rule of its own (an error).
 */
export const ResponseWithoutStatus: ResilienceRule = {
  id: 'ResponseWithoutStatus',
  level: 'Warning',
  trap: 'A specific gateway response type customised without a status code answers with its documented default status, which may not be the status the failure had before.',
  fix: 'Set an explicit statusCode on every gateway response type you customise.',
  check: (logicalId, resource) => gatewayResponsesDefinedBy(logicalId, resource)
    .filter((r) => r.statusCode === undefined && r.responseType !== 'INTEGRATION_FAILURE' && r.responseType in DOCUMENTED_DEFAULT_STATUS)
    .map((r) => `${r.responseType} has no status code (answers ${DOCUMENTED_DEFAULT_STATUS[r.responseType]})`),
};
