import * as path from 'path';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { checkDocumentVersion, countResources, lineAndColumn, listOperations, operationLocation, parseApiDocument, readApiDefinition } from '../../src/openapi/api-document';
import { newStack } from '../util';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);

describe('readApiDefinition', () => {
  test('reads an OpenAPI 3 document in YAML from an asset', () => {
    const { document, source } = readApiDefinition(apigateway.ApiDefinition.fromAsset(fixture('orders.openapi3.yaml')));
    expect(source).toBe(fixture('orders.openapi3.yaml'));
    expect(checkDocumentVersion({ document, source })).toEqual([]);
    expect(listOperations(document).map(operationLocation)).toEqual([
      "paths['/orders'].get", "paths['/orders'].post", "paths['/orders/{id}'].get",
    ]);
    // YAML's unquoted 201 is a key like any other.
    expect(Object.keys(document.paths['/orders'].post.responses)).toEqual(['201']);
  });

  test('reads a Swagger 2 document in JSON from an asset', () => {
    const doc = readApiDefinition(apigateway.ApiDefinition.fromAsset(fixture('orders.swagger2.json')));
    expect(checkDocumentVersion(doc)).toEqual([]);
    expect(listOperations(doc.document).map((op) => op.operation.operationId)).toEqual(['listOrders', 'getOrder']);
  });

  test('copies an inline document: the user\'s object is never changed', () => {
    const inline = { openapi: '3.0.1', paths: { '/a': { get: { operationId: 'a' } } } };
    const { document, source } = readApiDefinition(apigateway.ApiDefinition.fromInline(inline));
    document.paths['/a'].get.changed = true;
    expect(source).toBe('inline');
    expect(inline.paths['/a'].get).toEqual({ operationId: 'a' });
  });

  test('refuses a document in S3: it cannot be read at synth', () => {
    const bucket = s3.Bucket.fromBucketName(newStack(), 'B', 'bucket');
    expect(() => readApiDefinition(apigateway.ApiDefinition.fromBucket(bucket, 'api.yaml'))).toThrow(/fromInline or ApiDefinition.fromAsset/);
  });

  test.each([
    ['broken.yaml', /broken\.yaml:8:1 does not parse as YAML/],
    ['broken.json', /broken\.json:4:\d+ does not parse as JSON/],
  ])('names the file, line and column of a document that does not parse (%s)', (name, message) => {
    expect(() => readApiDefinition(apigateway.ApiDefinition.fromAsset(fixture(name)))).toThrow(message);
  });
});

describe('parseApiDocument', () => {
  test.each(['[1, 2]', '42', 'just text'])('refuses a document that is no object: %s', (text) => {
    expect(() => parseApiDocument(text, 'x.yaml')).toThrow(/x\.yaml is not an object/);
  });

  test('gives the line and column of an offset', () => {
    expect(lineAndColumn('ab\ncd\nef', 4)).toBe('2:2');
  });

  test('refuses duplicate keys in YAML', () => {
    expect(() => parseApiDocument('paths: {}\npaths: {}\n', 'dup.yaml')).toThrow(/dup\.yaml:2:1/);
  });
});

describe('checkDocumentVersion', () => {
  test.each([
    [{ paths: {} }, /must declare openapi: 3.x or swagger: '2.0'; got undefined/],
    [{ openapi: '4.0', paths: {} }, /got "4.0"/],
    [{ openapi: '3.1.0', paths: {} }, /declares openapi: 3\.1\.0, which API Gateway REST APIs cannot import \(they take OpenAPI 3\.0\.x and Swagger 2\.0\): write it as openapi: 3\.0\.3/],
    [{ openapi: '3.1', paths: {} }, /declares openapi: 3\.1, which/],
    [{ swagger: '1.2', paths: {} }, /got "1.2"/],
    [{ openapi: '3.0.1' }, /has no paths object/],
  ])('names what is wrong: %j', (document, message) => {
    expect(checkDocumentVersion({ document, source: 'inline' })).toEqual([expect.stringMatching(message)]);
  });
});

describe('listOperations', () => {
  test('finds every method and the any-method, not the path item\'s other keys', () => {
    const document = {
      paths: {
        '/a': { 'summary': 'x', 'parameters': [], 'get': {}, 'x-amazon-apigateway-any-method': {}, 'delete': {} },
        '/b': null,
      },
    };
    expect(listOperations(document).map((op) => op.method)).toEqual(['get', 'delete', 'x-amazon-apigateway-any-method']);
  });
});

describe('countResources', () => {
  test('counts each distinct path prefix once, the root excluded', () => {
    expect(countResources({ paths: { '/': {}, '/a': {}, '/a/{id}': {}, '/a/{id}/b': {}, '/c/d': {} } })).toBe(5);
    expect(countResources({})).toBe(0);
  });
});
