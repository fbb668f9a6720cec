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

describe('a SAM-style document with CORS headers on DEFAULT_4XX and DEFAULT_5XX', () => {
  test('every contract type of each class keeps the headers; a type the document customises keeps its own', () => {
    const stack = newStack();
    api(stack, { apiDefinition: fixture('sam-cors.yaml'), integrations: { listNotes: newHandler(stack, 'Notes') } });
    const responses = body(stack)['x-amazon-apigateway-gateway-responses'];
    const origin = (t: string) => responses[t].responseParameters['gatewayresponse.header.Access-Control-Allow-Origin'];
    for (const t of ['ACCESS_DENIED', 'THROTTLED', 'QUOTA_EXCEEDED', 'MISSING_AUTHENTICATION_TOKEN', 'INTEGRATION_TIMEOUT', 'INTEGRATION_FAILURE', 'API_CONFIGURATION_ERROR']) {
      expect(origin(t)).toBe("'https://notes.example'");
    }
    expect(responses.THROTTLED.responseParameters['gatewayresponse.header.Access-Control-Allow-Headers']).toBe("'Content-Type,Authorization'");
    expect(responses.INTEGRATION_TIMEOUT.responseParameters['gatewayresponse.header.Access-Control-Allow-Headers']).toBeUndefined();
    expect(origin('UNAUTHORIZED')).toBe("'https://login.notes.example'");
    expect(responses.UNAUTHORIZED.statusCode).toBe('401');
  });

  test('a quoted $context.error.validationErrorString in the document is refused, naming the document key, the variable and the fix', () => {
    const stack = newStack();
    const fn = newHandler(stack, 'Fn');
    expect(() => api(stack, {
      apiDefinition: apigateway.ApiDefinition.fromInline({
        'openapi': '3.0.1',
        'paths': { '/a': { post: { operationId: 'a' } } },
        'x-amazon-apigateway-gateway-responses': {
          BAD_REQUEST_BODY: {
            statusCode: '400',
            responseTemplates: { 'application/json': '{"message":$context.error.messageString,"errors":"$context.error.validationErrorString"}' },
          },
        },
      }),
      integrations: { a: fn },
    })).toThrow(new RegExp("x-amazon-apigateway-gateway-responses\\.BAD_REQUEST_BODY\\.responseTemplates\\['application/json'\\] is not valid JSON .*" +
      '\\(\\$context\\.error\\.validationErrorString is inside quotes: API Gateway has no quoted form of it.*leave it out of the JSON body'));
  });
});
