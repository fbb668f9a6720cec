import { FALLBACK_RESPONSE_TYPES } from '../../contract/error-responses';
import { gatewayResponsesDefinedBy } from '../rest-api';
import { ResilienceRule } from '../rule';

/** A DEFAULT_4XX or DEFAULT_5XX gateway response with a status code rewrites every status of its class. */
export const FallbackStatusCode: ResilienceRule = {
  id: 'FallbackStatusCode',
  level: 'Warning',
  trap: 'A status code on DEFAULT_4XX or DEFAULT_5XX becomes the status of every 4XX or 5XX response not customised on its own: timeouts, throttles and missing routes all answer with it.',
  fix: 'Leave the status of the fallbacks unset and set it on the specific response types instead.',
  check: (logicalId, resource) => gatewayResponsesDefinedBy(logicalId, resource)
    .filter((r) => FALLBACK_RESPONSE_TYPES.includes(r.responseType) && r.statusCode !== undefined)
    .map((r) => `${r.responseType} sets status ${r.statusCode}`),
};
