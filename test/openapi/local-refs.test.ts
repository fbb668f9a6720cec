import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { externalRefs, hasLocalFileRefs, resolveLocalRefs } from '../../src/openapi/local-refs';

const split = path.join(__dirname, '..', 'fixtures', 'openapi', 'split', 'api.yaml');

describe('resolveLocalRefs', () => {
  test('puts a document split across files into one, with no reference outside it left', () => {
    const doc = resolveLocalRefs(split);
    expect(externalRefs(doc)).toEqual([]);
    expect(doc.paths['/books'].get.responses['200'].content['application/json'].schema.items.required).toEqual(['isbn', 'title']);
    expect(doc.paths['/books/{isbn}'].get.parameters[0]).toMatchObject({ name: 'isbn', in: 'path' });
  });

  test('names the file and the reference it cannot resolve', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refs-'));
    const file = path.join(dir, 'api.yaml');
    fs.writeFileSync(file, 'openapi: 3.0.3\npaths:\n  /a:\n    $ref: missing.yaml\n');
    expect(() => resolveLocalRefs(file)).toThrow(new RegExp(`the API document ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} has \\$refs to local files that could not be resolved: .*missing\\.yaml`));
  });
});

describe('hasLocalFileRefs', () => {
  test.each([
    [{ a: { $ref: 'b.yaml' } }, true],
    [{ a: { $ref: '#/components/schemas/B' } }, false],
    [{ a: { $ref: 'b.yaml' }, c: { $ref: 'https://example.com/c.yaml' } }, false],
    [{}, false],
  ])('%j', (doc, expected) => {
    expect(hasLocalFileRefs(doc)).toBe(expected);
  });
});
