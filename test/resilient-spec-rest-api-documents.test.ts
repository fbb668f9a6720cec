import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ResilientSpecRestApi, ResilientSpecRestApiProps } from '../src';
import { newHandler, newStack, resourcesOf, warningIds } from './util';

// ResilientSpecRestApi on documents shaped like the real ones (test/fixtures/openapi/, written for
// these tests): each adopted without editing it.
const fixture = (name: string) => apigateway.ApiDefinition.fromAsset(path.join(__dirname, 'fixtures', 'openapi', name));

function body(stack: cdk.Stack): any {
  return Object.values(resourcesOf(Template.fromStack(stack), 'AWS::ApiGateway::RestApi'))[0].Body;
}

function integrationOf(doc: any, route: string): any {
  const [method, p] = route.split(' ');
  return doc.paths[p][method === 'ANY' ? 'x-amazon-apigateway-any-method' : method.toLowerCase()]['x-amazon-apigateway-integration'];
}

function api(stack: cdk.Stack, props: Partial<ResilientSpecRestApiProps> & Pick<ResilientSpecRestApiProps, 'apiDefinition'>): ResilientSpecRestApi {
  return new ResilientSpecRestApi(stack, 'Api', props);
}

describe('a Swagger 2 document without operationIds', () => {
  test('binds by route and defaultHandler, without editing the document', () => {
    const stack = newStack();
    const dogs = newHandler(stack, 'Dogs');
    const fallback = newHandler(stack, 'Fallback');
    api(stack, { apiDefinition: fixture('kennel.swagger2.yaml'), integrations: { 'GET /dogs/{dogId}': dogs, 'DELETE /dogs/{dogId}': dogs }, defaultHandler: fallback });
    const doc = body(stack);
    const arnOf = (id: string) => `\${${stack.getLogicalId(stack.node.findChild(id).node.defaultChild as cdk.CfnElement)}.Arn}`;
    expect(JSON.stringify(integrationOf(doc, 'GET /dogs/{dogId}').uri)).toContain(arnOf('Dogs'));
    expect(JSON.stringify(integrationOf(doc, 'DELETE /dogs/{dogId}').uri)).toContain(arnOf('Dogs'));
    for (const route of ['GET /dogs', 'POST /dogs', 'ANY /{proxy+}']) {
      expect(JSON.stringify(integrationOf(doc, route).uri)).toContain(arnOf('Fallback'));
    }
    expect(doc.basePath).toBe('/v2');
  });

  test('a mistyped route gets a suggestion, and nothing is built', () => {
    const stack = newStack();
    const dogs = newHandler(stack, 'Dogs');
    expect(() => api(stack, { apiDefinition: fixture('kennel.swagger2.yaml'), integrations: { 'GET /dogs/{id}': dogs }, defaultHandler: dogs }))
      .toThrow(/'GET \/dogs\/\{id\}' \(did you mean 'GET \/dogs\/\{dogId\}'\?\)/);
    expect(warningIds(stack)).toEqual([]);
  });
});
