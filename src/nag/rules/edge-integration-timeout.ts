import { DEFAULT_MAX_INTEGRATION_TIMEOUT_MS } from '../../checks';
import { endpointTypesOf, methodsDefinedBy } from '../rest-api';
import { ResilienceRule } from '../rule';

/** An integration timeout above 29 s on an EDGE endpoint, which CloudFront caps at 29 s. */
export const EdgeIntegrationTimeout: ResilienceRule = {
  id: 'EdgeIntegrationTimeout',
  level: 'Error',
  trap: 'An integration timeout above 29 s on an EDGE API cannot be deployed ("Timeout should be between 50 ms and 29000 ms"): edge endpoints stay capped at 29 s whatever the quota.',
  fix: 'Keep the integration timeout at 29 s or less, or use a REGIONAL endpoint with a raised integration timeout quota.',
  check: (logicalId, resource, index) => methodsDefinedBy(logicalId, resource)
    .filter((m) => (m.timeoutMs ?? 0) > DEFAULT_MAX_INTEGRATION_TIMEOUT_MS)
    .filter((m) => m.restApiId !== undefined && endpointTypesOf(index.resource(m.restApiId)).includes('EDGE'))
    .map((m) => `${m.where}: ${m.timeoutMs} ms on an EDGE endpoint`),
};
