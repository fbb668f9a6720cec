import { externalRefsError, httpApiDocumentError } from '../../src/openapi/importable';
import { externalRefs } from '../../src/openapi/local-refs';

describe('httpApiDocumentError', () => {
  test('names every HTTP API mark: payloadFormatVersion, integrationSubtype, x-amazon-apigateway-cors', () => {
    const message = httpApiDocumentError({
      'x-amazon-apigateway-cors': { allowOrigins: ['*'] },
      'paths': {
        '/a': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', payloadFormatVersion: '2.0' } } },
        '/b': { post: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', integrationSubtype: 'SQS-SendMessage' } } },
      },
    }, 'api.yaml');
    expect(message).toBe('the API document api.yaml is written for an API Gateway HTTP API (x-amazon-apigateway-cors, ' +
      "paths['/a'].get['x-amazon-apigateway-integration'].payloadFormatVersion, paths['/b'].post['x-amazon-apigateway-integration'].integrationSubtype), " +
      'which a REST API cannot import as meant: REST APIs send Lambda the 1.0 payload format, have no integration subtypes and no x-amazon-apigateway-cors. ' +
      "Use aws-cdk-lib's HttpApi for it, or remove those keys (CORS then comes from OPTIONS operations and headers on x-amazon-apigateway-gateway-responses)");
  });

  test('passes a REST API document', () => {
    expect(httpApiDocumentError({ paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: 'x' } } } } }, 'inline')).toBeUndefined();
  });
});

describe('externalRefs', () => {
  test('finds references to other files and URLs, not to the document itself, with their place', () => {
    expect(externalRefs({
      paths: { '/a/{b}': { $ref: 'paths/a.yaml' }, '/c': { get: { parameters: [{ $ref: '#/components/parameters/P' }, { $ref: 'https://x.example/p.json' }] } } },
    })).toEqual(['#/paths/~1a~1{b}: paths/a.yaml', '#/paths/~1c/get/parameters/1: https://x.example/p.json']);
  });

  test('externalRefsError lists at most 10 and says how to bundle', () => {
    const paths = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`/r${i}`, { $ref: `r${i}.yaml` }]));
    const message = externalRefsError({ paths }, 'inline')!;
    expect(message).toMatch(/^the API document inline has 12 \$refs to other files or URLs, which API Gateway cannot resolve: #\/paths\/~1r0: r0\.yaml, .* and 2 more\. Give the document with ApiDefinition\.fromAsset/);
    expect(externalRefsError({ paths: {} }, 'inline')).toBeUndefined();
  });
});
