import { DOCUMENTED_DEFAULT_STATUS, FAILURE_MODES } from '../../contract/failure-modes';
import { GatewayResponseDef, gatewayResponsesDefinedBy, gatewayResponsesOfApi } from '../rest-api';
import { ResilienceRule } from '../rule';
import { TemplateIndex } from '../template';

/**
 * The statuses the failures that may go through a response type had before it was customised, where
 * the catalogue knows one that differs from the type's documented default, and whether that routing
 * is only reported (unverified). AUTHORIZER_FAILURE customised without a status was recorded keeping 500.
 */
function otherStatusesBefore(responseType: string): { statuses: string[]; unverified: boolean } {
  const modes = FAILURE_MODES.filter((m) => (m.responseType === responseType || m.alternativeResponseType === responseType)
    && m.uncustomisedStatus !== DOCUMENTED_DEFAULT_STATUS[responseType]);
  const unverified = modes.some((m) => !m.responseTypeVerified || m.alternativeResponseType !== undefined);
  return { statuses: [...new Set(modes.map((m) => m.uncustomisedStatus))], unverified };
}

/** Where the status a client gets changes, or is not settled, because the type is customised without one. */
function statusChange(response: GatewayResponseDef, index: TemplateIndex): string | undefined {
  const answers = DOCUMENTED_DEFAULT_STATUS[response.responseType];
  const fallbackType = answers.startsWith('4') ? 'DEFAULT_4XX' : 'DEFAULT_5XX';
  const fallback = response.restApiId === undefined ? undefined
    : gatewayResponsesOfApi(index, response.restApiId).find((r) => r.responseType === fallbackType && r.statusCode !== undefined);
  if (fallback && fallback.statusCode !== answers) {
    return `answers ${answers} where ${fallbackType} gave it ${fallback.statusCode}`;
  }
  const before = otherStatusesBefore(response.responseType);
  if (before.statuses.length === 0) {
    return undefined;
  }
  return `answers ${answers} (documented), but a failure it may carry${before.unverified ? ' (*unverified*)' : ''} answered ${before.statuses.join(' or ')} before`;
}

/**
 * A specific response type customised without a status code where that changes the status clients
 * get, or where what it answers is not settled. INTEGRATION_FAILURE has a rule of its own (an error).
 */
export const ResponseWithoutStatus: ResilienceRule = {
  id: 'ResponseWithoutStatus',
  level: 'Warning',
  trap: 'A specific gateway response type customised without a status code answers its documented default status: where the fallback of its class set another status, or where a failure it carries had another status, clients now get a different one.',
  fix: 'Set an explicit statusCode on every gateway response type you customise.',
  check: (logicalId, resource, index) => gatewayResponsesDefinedBy(logicalId, resource)
    .filter((r) => r.statusCode === undefined && r.responseType !== 'INTEGRATION_FAILURE' && r.responseType in DOCUMENTED_DEFAULT_STATUS)
    .flatMap((r) => {
      const change = statusChange(r, index);
      return change === undefined ? [] : [`${r.responseType} has no status code: ${change}`];
    }),
};
