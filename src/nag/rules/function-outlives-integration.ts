import { DEFAULT_MAX_INTEGRATION_TIMEOUT_MS, functionOutlivesIntegration, LAMBDA_DEFAULT_TIMEOUT_SECONDS } from '../../checks';
import { integratedFunctionId, isLambdaIntegration, methodsDefinedBy, underlyingFunctionId } from '../rest-api';
import { ResilienceRule } from '../rule';

/** A function whose own timeout is longer than the integration timeout keeps running after the client got 504. */
export const FunctionOutlivesIntegration: ResilienceRule = {
  id: 'FunctionOutlivesIntegration',
  level: 'Warning',
  trap: 'A function whose timeout is longer than its integration timeout keeps running (and billing, and maybe writing) after the client already got a 504.',
  fix: "Make the function's timeout at most the integration timeout (29 s unless set).",
  check: (logicalId, resource, index) => methodsDefinedBy(logicalId, resource).filter(isLambdaIntegration).flatMap((m) => {
    const target = integratedFunctionId(index, m);
    const fn = target === undefined ? undefined : underlyingFunctionId(index, target);
    const timeout = fn === undefined ? undefined : index.resource(fn)?.Properties?.Timeout ?? LAMBDA_DEFAULT_TIMEOUT_SECONDS;
    const integrationMs = m.timeoutMs ?? DEFAULT_MAX_INTEGRATION_TIMEOUT_MS;
    return typeof timeout === 'number' && functionOutlivesIntegration(timeout, integrationMs)
      ? [`${m.where}: function ${fn} times out after ${timeout} s, the integration after ${integrationMs} ms`]
      : [];
  }),
};
