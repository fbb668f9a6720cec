import { spawnSync } from 'child_process';

/** Every `$ref` of a document that points outside it (another file or a URL), with where it is. */
export function externalRefs(value: unknown, at: string = '#'): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => externalRefs(item, `${at}/${i}`));
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  return Object.entries(value).flatMap(([key, item]) => key === '$ref' && typeof item === 'string' && !item.startsWith('#')
    ? [`${at}: ${item}`]
    : externalRefs(item, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
}

/** Whether a document has `$ref`s to local files (not URLs), which `resolveLocalRefs` can put into it. */
export function hasLocalFileRefs(document: unknown): boolean {
  const refs = externalRefs(document).map((r) => r.slice(r.indexOf(': ') + 2));
  return refs.length > 0 && refs.every((ref) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(ref));
}

// Runs in a child process: @apidevtools/json-schema-ref-parser is asynchronous and synth is not.
// Every reference is replaced by what it points to (circular ones are kept as they are and reported).
const RESOLVE_SCRIPT = `
const [parser, file] = process.argv.slice(1);
require(parser).dereference(file, { resolve: { http: false }, dereference: { circular: 'ignore' } })
  .then((doc) => process.stdout.write(JSON.stringify(doc)))
  .catch((e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });
`;

/**
 * The document of a file with every `$ref` resolved into it, the references to other local files
 * included (API Gateway resolves no reference outside the document). Throws an error naming the
 * file and the reference that could not be resolved.
 */
export function resolveLocalRefs(file: string): { [key: string]: any } {
  const result = spawnSync(process.execPath, ['-e', RESOLVE_SCRIPT, require.resolve('@apidevtools/json-schema-ref-parser'), file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`the API document ${file} has $refs to local files that could not be resolved: ${(result.stderr || String(result.error)).split('\n')[0]}`);
  }
  return JSON.parse(result.stdout);
}
