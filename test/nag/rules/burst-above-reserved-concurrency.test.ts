import { BurstAboveReservedConcurrency } from '../../../src/nag/rules/burst-above-reserved-concurrency';
import { findings, lambdaFunction, lambdaMethod, restApi, stage, template } from '../fixtures';

function throttled(burst: number): any {
  return stage({ MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', ThrottlingBurstLimit: burst, ThrottlingRateLimit: 100 }] });
}

/** An API whose one method calls a function with a reserved concurrency of 10 (or none), behind a stage. */
function api(stageResource: any, functionProps: any = { ReservedConcurrentExecutions: 10 }): any {
  return template(restApi(), lambdaFunction(functionProps), lambdaMethod(), stageResource);
}

describe('BurstAboveReservedConcurrency', () => {
  test('fires when the stage bursts above the reserved concurrency of a function it calls', () => {
    expect(findings(BurstAboveReservedConcurrency, api(throttled(100))))
      .toEqual(['Stage: stage prod bursts to 100, Fn may run 10 at once']);
  });

  test("fires on a stage without a burst limit (the account's default applies)", () => {
    expect(findings(BurstAboveReservedConcurrency, api(stage())))
      .toEqual(['Stage: stage prod bursts to 5000 (account default), Fn may run 10 at once']);
  });

  test('does not fire at or below the reserved concurrency, nor without one', () => {
    expect(findings(BurstAboveReservedConcurrency, api(throttled(10)))).toEqual([]);
    expect(findings(BurstAboveReservedConcurrency, api(stage(), {}))).toEqual([]);
  });
});
