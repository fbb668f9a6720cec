import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import * as ts from 'typescript';
import { exportedNames, lazyIndex } from '../scripts/lazy-index';

/** CommonJS as the TypeScript compiler emits it for jsii. */
function compile(source: string): string {
  return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
}

const INDEX_JS = compile(fs.readFileSync(path.join(__dirname, '..', 'src', 'index.ts'), 'utf8'));

/** Runs an entry point with a `require` that records what is loaded and returns a stand-in module. */
function load(js: string): { exports: Record<string, unknown>; required: string[] } {
  const required: string[] = [];
  const modules = new Map<string, Record<string, unknown>>();
  const fakeRequire = (id: string): Record<string, unknown> => {
    required.push(id);
    if (!modules.has(id)) {
      modules.set(id, new Proxy({}, { get: (_, name) => `${String(name)} from ${id}` }));
    }
    return modules.get(id)!;
  };
  const exports: Record<string, unknown> = {};
  vm.runInNewContext(js, { exports, require: fakeRequire, module: { exports } });
  return { exports, required };
}

describe('lazyIndex on the compiled src/index.ts', () => {
  const lazy = lazyIndex(INDEX_JS);

  test('keeps every export, in order', () => {
    expect(exportedNames(lazy)).toEqual(exportedNames(INDEX_JS));
    expect(exportedNames(lazy)).toEqual(expect.arrayContaining(['ResilientLambdaRestApi', 'ResilientSpecRestApi', 'ResilienceChecks']));
    expect(Object.keys(load(lazy).exports)).toEqual(Object.keys(load(INDEX_JS).exports));
  });

  test('the eager entry point loads every module on load; the lazy one loads none', () => {
    expect(load(INDEX_JS).required).toEqual(expect.arrayContaining(['./nag/resilience-checks', './resilient-spec-rest-api']));
    expect(load(lazy).required).toEqual([]);
  });

  test('reading an export loads its module only, and gives the same value as the eager entry point', () => {
    const { exports, required } = load(lazy);
    expect(exports.ResilientLambdaRestApi).toBe('ResilientLambdaRestApi from ./resilient-lambda-rest-api');
    expect(required).toEqual(['./resilient-lambda-rest-api']);
    expect(exports.ResilienceChecks).toBe(load(INDEX_JS).exports.ResilienceChecks);
    expect(required).toEqual(['./resilient-lambda-rest-api', './nag/resilience-checks']);
  });

  test('the exports stay enumerable getters that cannot be assigned', () => {
    const { exports } = load(lazy);
    const descriptor = Object.getOwnPropertyDescriptor(exports, 'ResilienceChecks')!;
    expect(descriptor.enumerable).toBe(true);
    expect(typeof descriptor.get).toBe('function');
    expect(descriptor.set).toBeUndefined();
  });

  test('running it twice changes nothing', () => {
    expect(lazyIndex(lazy)).toBe(lazy);
  });
});

describe('lazyIndex refuses what it cannot make lazy', () => {
  test.each([
    ['export * from', "export * from './a';"],
    ['a side-effect import', "import './a';\nexport { B } from './b';"],
    ['code of its own', "import { A } from './a';\nexport const B = A;"],
  ])('%s fails the build', (_, source) => {
    expect(() => lazyIndex(compile(source))).toThrow(/lazy-index/);
  });

  test('an entry point without exports fails the build', () => {
    expect(() => lazyIndex(compile('export {};'))).toThrow(/the exports changed/);
  });
});
