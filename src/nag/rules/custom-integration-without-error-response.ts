import { isLambdaIntegration, methodsDefinedBy } from '../rest-api';
import { ResilienceRule } from '../rule';

/** A custom (non-proxy) Lambda integration with no integration response that selects errors: function errors answer 200. */
export const CustomIntegrationWithoutErrorResponse: ResilienceRule = {
  id: 'CustomIntegrationWithoutErrorResponse',
  level: 'Error',
  trap: 'A custom (non-proxy) Lambda integration without an integration response whose selection pattern matches errors answers 200 with the error in the body when the function throws.',
  fix: "Add integration responses with a selectionPattern for the function's errors (at least a catch-all such as '(\\n|.)+' with status 502) and the matching method responses.",
  check: (logicalId, resource) => methodsDefinedBy(logicalId, resource)
    .filter((m) => m.integrationType === 'AWS' && isLambdaIntegration(m))
    .filter((m) => !m.integrationResponses.some((r) => r.selectionPattern !== undefined && r.selectionPattern !== ''))
    .map((m) => `${m.where}: no integration response selects errors`),
};
