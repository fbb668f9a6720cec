import { CustomIntegrationWithoutErrorResponse } from '../../../src/nag/rules/custom-integration-without-error-response';
import { findings, lambdaFunction, lambdaMethod, restApi, template } from '../fixtures';

describe('CustomIntegrationWithoutErrorResponse', () => {
  test('fires on a custom Lambda integration with only a 200 integration response', () => {
    expect(findings(CustomIntegrationWithoutErrorResponse, template(restApi(), lambdaFunction(), lambdaMethod({ Type: 'AWS', IntegrationResponses: [{ StatusCode: '200' }] }))))
      .toEqual(['Method: GET method: no integration response selects errors']);
  });

  test('does not fire with an error selection pattern, nor on a proxy integration', () => {
    expect(findings(CustomIntegrationWithoutErrorResponse, template(restApi(), lambdaFunction(),
      lambdaMethod({ Type: 'AWS', IntegrationResponses: [{ StatusCode: '200' }, { StatusCode: '502', SelectionPattern: '(\\n|.)+' }] })))).toEqual([]);
    expect(findings(CustomIntegrationWithoutErrorResponse, template(restApi(), lambdaFunction(), lambdaMethod()))).toEqual([]);
  });
});
