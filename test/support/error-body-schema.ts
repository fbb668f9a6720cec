// Validates error bodies against the committed JSON Schema (the file both helpers and the library ship).
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';

export const SCHEMA_PATH = path.join(__dirname, '..', '..', 'schema', 'error-body.schema.json');

const validate = new Ajv({ allErrors: true }).compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')));

/** The schema's complaints about a body (a parsed object or its JSON text); empty when it is valid. */
export function schemaErrors(body: unknown): string[] {
  const value = typeof body === 'string' ? JSON.parse(body) : body;
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}`);
}
