import * as fs from 'fs';
import * as path from 'path';
import { render } from 'velocityjs';
import { SCHEMA_FILES } from '../../scripts/error-body-schema';
import { HOSTILE_TEXT } from '../../src/checks';
import { ERROR_BODY_FIELDS, errorBodySchema, errorBodySchemaText } from '../../src/contract/error-body';
import { errorBodyTemplate, JSON_CONTENT_TYPE, renderErrorResponses, substituteVariables } from '../../src/contract/error-responses';
import { ErrorContract } from '../../src/contract/failure-modes';
import { schemaErrors } from '../support/error-body-schema';

const ROOT = path.join(__dirname, '..', '..');

const HOSTILE = [HOSTILE_TEXT, 'He said "no"', 'C:\\temp\\new', 'line one\nline two\r\n\ttabbed', '\u2028\u2029', '😀 中文 é',
  '$context.requestId #if($x) ${y} $', "'quotes'", '</script>', '{"nested":"json"}', '', '\u0000\u001f'];

describe('the JSON Schema of the error body', () => {
  test.each(SCHEMA_FILES)('%s is current (run `npx projen schema` after changing src/contract/error-body.ts)', (file) => {
    expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toBe(errorBodySchemaText());
  });

  test('is generated from the fields the templates write, in their order, all required, nothing else allowed', () => {
    const schema = errorBodySchema() as any;
    expect(Object.keys(schema.properties)).toEqual(ERROR_BODY_FIELDS.map((f) => f.name));
    expect(schema.required).toEqual(['message', 'type', 'status', 'retryable', 'requestId']);
    expect(schema.additionalProperties).toBe(false);
    const body = JSON.parse(substituteVariables(errorBodyTemplate('"m"', '"T"', '500', true), { 'context.extendedRequestId': 'id' }));
    expect(Object.keys(body)).toEqual(ERROR_BODY_FIELDS.map((f) => f.name));
    expect(ErrorContract.errorBodySchema()).toEqual(schema);
  });

  test.each<[string, unknown]>([
    ['a status as a string', { message: 'm', type: 'T', status: '500', retryable: false, requestId: 'r' }],
    ['a missing requestId', { message: 'm', type: 'T', status: 500, retryable: false }],
    ['an extra field', { message: 'm', type: 'T', status: 500, retryable: false, requestId: 'r', stack: 'at x' }],
    ['an empty type', { message: 'm', type: '', status: 500, retryable: false, requestId: 'r' }],
    ['a status out of range', { message: 'm', type: 'T', status: 200, retryable: false, requestId: 'r' }],
    ['retryable as a string', { message: 'm', type: 'T', status: 500, retryable: 'false', requestId: 'r' }],
  ])('refuses %s, so that the validations below can fail', (_, body) => {
    expect(schemaErrors(body)).not.toEqual([]);
  });
});

describe('every gateway response template, rendered with hostile values, gives a body the schema accepts', () => {
  const responses = renderErrorResponses({ throttledRetryAfterSeconds: 1, overrides: [] });
  const cases = responses.flatMap((r) => HOSTILE.map((h) => [r.responseType, h] as [string, string]));
  const values = (type: string, hostile: string) => ({
    // messageString arrives as a quoted JSON string; the others sit between quotes in the template.
    'context.error.messageString': JSON.stringify(hostile),
    'context.error.responseType': type,
    'context.extendedRequestId': JSON.stringify(hostile).slice(1, -1),
  });

  test.each(cases)('%s with %j, substituted as API Gateway does', (type, hostile) => {
    const template = responses.find((r) => r.responseType === type)!.templates[JSON_CONTENT_TYPE];
    const body = JSON.parse(substituteVariables(template, values(type, hostile)));
    expect(schemaErrors(body)).toEqual([]);
    expect(body.message).toBe(hostile);
  });

  test.each(cases)('%s with %j, rendered by a Velocity engine (velocityjs)', (type, hostile) => {
    const template = responses.find((r) => r.responseType === type)!.templates[JSON_CONTENT_TYPE];
    const v = values(type, hostile);
    const context = { context: { error: { messageString: v['context.error.messageString'], responseType: type }, extendedRequestId: v['context.extendedRequestId'] } };
    expect(schemaErrors(render(template, context))).toEqual([]);
  });

});
