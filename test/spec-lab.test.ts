import * as cdk from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildFailureLab, expectedClientResponse, gatewayResponseTemplate, LAB_ROUTES } from './integ/failure-lab';
import { buildSpecLab, SPEC_LAB_DOCUMENT } from './integ/spec-lab';

describe('the failure lab\'s OpenAPI API', () => {
  // As in integ.failure-lab.ts: both APIs in one environment-agnostic stack.
  const stack = new cdk.Stack(new cdk.App(), 'Lab');
  const lab = buildFailureLab(stack);
  const spec = buildSpecLab(stack);
  const template = Template.fromStack(stack);
  const body = Object.values(template.findResources('AWS::ApiGateway::RestApi')).find((r) => r.Properties.Body)!.Properties.Body;
  const functionIds = Object.keys(template.findResources('AWS::Lambda::Function'));
  const functionOf = (path: string) => functionIds.filter((id) => JSON.stringify(body.paths[path].get['x-amazon-apigateway-integration'].uri).includes(id));

  test('adopts a document without operationIds: GET /orders by its route, the other operation by defaultHandler', () => {
    const operations = Object.values(SPEC_LAB_DOCUMENT.paths).flatMap((item) => Object.values(item));
    expect(operations.filter((operation) => 'operationId' in operation)).toEqual([]);
    expect(functionOf('/orders')).toEqual([expect.stringMatching(/^Specthrows/)]);
    expect(functionOf('/health')).toEqual([expect.stringMatching(/^Specok/)]);
    expect(spec.throwsUrl).not.toEqual(spec.healthUrl);
  });

  test('answers a function error as the LambdaRestApi lab\'s /throw route does (the same contract, from the document)', () => {
    const documentResponses = {
      Resources: Object.fromEntries(Object.entries<any>(body['x-amazon-apigateway-gateway-responses']).map(([type, response]) => [type, {
        Type: 'AWS::ApiGateway::GatewayResponse',
        Properties: {
          ResponseType: type,
          StatusCode: response.statusCode,
          ResponseParameters: response.responseParameters,
          ResponseTemplates: response.responseTemplates,
        },
      }])),
    };
    const throwRoute = LAB_ROUTES.find((route) => route.id === 'function-error')!;
    const expected = expectedClientResponse(gatewayResponseTemplate(lab.api), throwRoute);
    expect(expected.status).toBe(502);
    expect(expectedClientResponse(documentResponses, throwRoute)).toEqual(expected);
  });
});
