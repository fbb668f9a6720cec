import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// The house rules of the source tree (issue 15): short files, short functions, imports that run one
// way (entry points over parts, never a part over an entry point).
const SRC = path.join(__dirname, '..', 'src');
const MAX_FILE_LINES = 350;
const MAX_FUNCTION_LINES = 80;
/** The entry points: the classes users instantiate; everything else is a part they wire. */
const ENTRY_POINTS = ['resilient-lambda-rest-api.ts', 'resilient-spec-rest-api.ts', 'nag/resilience-checks.ts', 'audit/cli.ts'];

const files = (fs.readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();

function sourceOf(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(path.join(SRC, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

/** Every function-like node of a file with its line count. */
function functionLengths(file: string): Array<{ name: string; lines: number }> {
  const source = sourceOf(file);
  const found: Array<{ name: string; lines: number }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = (node as ts.FunctionLikeDeclaration).name?.getText() ?? (ts.isConstructorDeclaration(node) ? 'constructor' : '(anonymous)');
      found.push({ name: `${file}:${start + 1} ${name}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The files under src/ a file imports, relative to src/. */
function localImports(file: string): string[] {
  return sourceOf(file).statements
    .filter(ts.isImportDeclaration)
    .map((s) => (s.moduleSpecifier as ts.StringLiteral).text)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), spec)))
    .map((rel) => (fs.existsSync(path.join(SRC, `${rel}.ts`)) ? `${rel}.ts` : `${rel}/index.ts`));
}

test.each(files)('%s is shorter than the house limit', (file) => {
  expect(fs.readFileSync(path.join(SRC, file), 'utf8').split('\n').length).toBeLessThan(MAX_FILE_LINES);
});

test('no function is longer than the house limit', () => {
  const long = files.flatMap(functionLengths).filter((f) => f.lines >= MAX_FUNCTION_LINES);
  expect(long).toEqual([]);
});

test('parts never import an entry point', () => {
  const offending = files
    .filter((file) => file !== 'index.ts' && !ENTRY_POINTS.includes(file))
    .flatMap((file) => localImports(file).filter((imported) => ENTRY_POINTS.includes(imported)).map((imported) => `${file} -> ${imported}`));
  expect(offending).toEqual([]);
});

test('the limits check something: the entry points exist and the longest function is measured', () => {
  expect(ENTRY_POINTS.filter((e) => files.includes(e))).toEqual(ENTRY_POINTS.filter((e) => fs.existsSync(path.join(SRC, e))));
  expect(Math.max(...files.flatMap(functionLengths).map((f) => f.lines))).toBeGreaterThan(20);
});
