// Writes the JSON Schema of the error body, generated from src/contract/error-body.ts, to every place it ships:
// the library (schema/) and both handler helpers. test/contract/error-body.test.ts fails when a copy is stale.
import * as fs from 'fs';
import * as path from 'path';
import { errorBodySchemaText } from '../src/contract/error-body';

const ROOT = path.join(__dirname, '..');

/** Where the schema ships, relative to the repository root. */
export const SCHEMA_FILES = [
  'schema/error-body.schema.json',
  'handlers/node/error-body.schema.json',
  'handlers/python/src/resilient_lambda_rest_api_handler/error-body.schema.json',
];

/** Writes every copy; returns the files that changed. */
export function writeSchemas(): string[] {
  const text = errorBodySchemaText();
  return SCHEMA_FILES.filter((file) => {
    const target = path.join(ROOT, file);
    if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) {
      return false;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    return true;
  });
}

if (require.main === module) {
  const changed = writeSchemas();
  console.log(changed.length > 0 ? `wrote ${changed.join(', ')}` : 'error body schema: every copy is current');
}
