import { EdgeIntegrationTimeout } from '../../../src/nag/rules/edge-integration-timeout';
import { findings, lambdaFunction, lambdaMethod, restApi, template } from '../fixtures';

describe('EdgeIntegrationTimeout', () => {
  test('fires above 29 s on an API with no endpoint configuration (EDGE is the default)', () => {
    expect(findings(EdgeIntegrationTimeout, template(restApi(), lambdaFunction(), lambdaMethod({ TimeoutInMillis: 60_000 }))))
      .toEqual(['Method: GET method: 60000 ms on an EDGE endpoint']);
  });

  test('does not fire on REGIONAL above 29 s (the quota may be raised), nor at 29 s on EDGE', () => {
    expect(findings(EdgeIntegrationTimeout, template(restApi({ EndpointConfiguration: { Types: ['REGIONAL'] } }), lambdaFunction(), lambdaMethod({ TimeoutInMillis: 60_000 })))).toEqual([]);
    expect(findings(EdgeIntegrationTimeout, template(restApi(), lambdaFunction(), lambdaMethod({ TimeoutInMillis: 29_000 })))).toEqual([]);
  });
});
