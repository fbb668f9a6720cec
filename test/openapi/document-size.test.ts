import * as fs from 'fs';
import {
  cloudFormationExpressions, documentTemplateBytes, documentTooLargeError, fitsInline,
  functionStageVariable, stageVariableUri, TEMPLATE_SIZE_LIMIT, writeDocumentFile,
} from '../../src/openapi/document-size';

describe('document size', () => {
  test('counts the bytes as the CDK writes them, with the indentation of the document\'s depth', () => {
    expect(documentTemplateBytes({ a: 1 })).toBe(Buffer.byteLength('{\n "a": 1\n}') + 3 * 4);
    expect(documentTemplateBytes({ a: 'é' })).toBe(Buffer.byteLength('{\n "a": "é"\n}') + 3 * 4);
  });

  test('one limit, never looser than aws-cdk-lib\'s template size check (warns from 800,000 of 1,000,000)', () => {
    expect(TEMPLATE_SIZE_LIMIT).toBeLessThanOrEqual(1_000_000 * 0.8);
    expect(fitsInline({ a: 'x' })).toBe(true);
    expect(fitsInline({ a: 'x'.repeat(TEMPLATE_SIZE_LIMIT) })).toBe(false);
    expect(documentTooLargeError({ a: 'x' }, 'because')).toMatch(/takes \d+ bytes in the template, above the limit of 800000 .* cannot go to S3 instead: because\. Split the API/);
  });
});

describe('documents in S3', () => {
  test('an integration URI with the function name from a stage variable, the partition from the region', () => {
    expect(stageVariableUri(functionStageVariable(0), 'eu-west-1', '123456789012')).toBe(
      'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:${stageVariables.resilientFunction0}/invocations');
    expect(stageVariableUri('f', 'cn-north-1', '1')).toMatch(/^arn:aws-cn:apigateway:cn-north-1:/);
  });

  test('finds the CloudFormation expressions an S3 document cannot hold', () => {
    expect(cloudFormationExpressions({ paths: { '/a': { get: { uri: { 'Fn::Sub': 'x' } } } }, b: [{ Ref: 'P' }], c: { Ref: 'x', other: 1 } })).toEqual(['#/paths/~1a/get/uri', '#/b/0']);
  });

  test('writes the document to a file of its own', () => {
    const file = writeDocumentFile({ openapi: '3.0.1' });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ openapi: '3.0.1' });
  });
});
