import { integratedFunctionId, isLambdaIntegration, methodsOfApi, underlyingFunctionId } from '../rest-api';
import { ResilienceRule } from '../rule';
import { stageDefinedBy, stageSettings, stageWideSetting } from '../stage-settings';

/** The account's default burst in most regions (some allow 1,250): what a stage without its own limit bursts to. */
const TYPICAL_ACCOUNT_BURST_LIMIT = 5_000;

/** A stage that lets more requests through at once than the function may run: Lambda throttles, clients see 5xx. */
export const BurstAboveReservedConcurrency: ResilienceRule = {
  id: 'BurstAboveReservedConcurrency',
  level: 'Warning',
  trap: "The stage's burst limit is above the reserved concurrency of a function it calls: under load Lambda throttles, and clients get 5xx (INTEGRATION_FAILURE) instead of 429 with Retry-After.",
  fix: "Set the stage's throttlingBurstLimit (MethodSettings * on /*) to at most the function's reserved concurrency, or raise the reserved concurrency.",
  check: (logicalId, resource, index) => {
    const stage = stageDefinedBy(logicalId, resource, index);
    if (!stage) {
      return [];
    }
    const configured = stageWideSetting(stageSettings(stage))?.ThrottlingBurstLimit;
    const burst = typeof configured === 'number' ? configured : TYPICAL_ACCOUNT_BURST_LIMIT;
    const functions = new Set(methodsOfApi(index, stage.restApiId!).filter(isLambdaIntegration)
      .map((m) => integratedFunctionId(index, m))
      .map((id) => (id === undefined ? undefined : underlyingFunctionId(index, id))));
    return [...functions].flatMap((fn) => {
      const reserved = fn === undefined ? undefined : index.resource(fn)?.Properties?.ReservedConcurrentExecutions;
      return typeof reserved === 'number' && burst > reserved
        ? [`stage ${stage.stageName ?? logicalId} bursts to ${burst}${typeof configured === 'number' ? '' : ' (account default)'}, ${fn} may run ${reserved} at once`]
        : [];
    });
  },
};
