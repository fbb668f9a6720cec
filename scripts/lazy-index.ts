/**
 * Makes the package's entry point (lib/index.js, as the TypeScript compiler inside jsii emits it)
 * load each re-exported module when one of its exports is first read, instead of all of them when
 * the package is loaded. Without it, every `require('resilient-lambda-rest-api')` pays for
 * cdk-nag (about 150 ms of CPU, needed only by `ResilienceChecks`) and the YAML parser (about
 * 40 ms, needed only by `ResilientSpecRestApi`), which made every `cdk synth` of an app using
 * `ResilientLambdaRestApi` alone about 10% slower than one using `LambdaRestApi`. aws-cdk-lib
 * loads its own modules lazily for the same reason.
 *
 * The exports keep their names, their order and their getters (`enumerable`, read-only, the same
 * object on every read), so jsii's runtime (Python) and `import { X }` see no difference. Run
 * after jsii: `ts-node --transpile-only scripts/lazy-index.ts lib/index.js`.
 */
import * as fs from 'fs';

/** `var resilient_lambda_rest_api_1 = require("./resilient-lambda-rest-api");` */
const REQUIRE_LINE = /^var (\w+) = require\("(\.{1,2}\/[^"]+)"\);$/;
/** `Object.defineProperty(exports, "X", { enumerable: true, get: function () { return module_1.X; } });` */
const EXPORT_LINE = /^Object\.defineProperty\(exports, "(\w+)", \{ enumerable: true, get: function \(\) \{ return (\w+)\.(\w+); \} \}\);$/;

/** The same, made lazy: `... get: function () { return require("./x").X; } });` */
const LAZY_EXPORT_LINE = /^Object\.defineProperty\(exports, "(\w+)", \{ enumerable: true, get: function \(\) \{ return require\("(\.{1,2}\/[^"]+)"\)\.(\w+); \} \}\);$/;

/** The names an entry point exports through getters, eager or lazy, in order. */
export function exportedNames(js: string): string[] {
  return js.split('\n').flatMap((line) => {
    const m = EXPORT_LINE.exec(line) ?? LAZY_EXPORT_LINE.exec(line);
    return m ? [m[1]] : [];
  });
}

/**
 * Rewrites an entry point of named re-exports (`export { X } from './x'`) so that each module is
 * required inside its exports' getters. Throws on anything else that requires a module at load
 * time (`export *`, a side-effect import, code of its own), so that a change to src/index.ts that
 * this cannot make lazy fails the build instead of silently loading eagerly. Lines already made
 * lazy are kept, so that running it twice changes nothing.
 */
export function lazyIndex(js: string): string {
  const modules = new Map<string, string>();
  const out: string[] = [];
  for (const line of js.split('\n')) {
    const required = REQUIRE_LINE.exec(line);
    if (required) {
      modules.set(required[1], required[2]);
      continue;
    }
    const exported = EXPORT_LINE.exec(line);
    if (exported) {
      const [, name, variable, member] = exported;
      const modulePath = modules.get(variable);
      if (!modulePath) {
        throw new Error(`lazy-index: export ${name} reads ${variable}, which no require line defines`);
      }
      out.push(`Object.defineProperty(exports, "${name}", { enumerable: true, get: function () { return require("${modulePath}").${member}; } });`);
      continue;
    }
    if (/\brequire\(/.test(line) && !LAZY_EXPORT_LINE.test(line)) {
      throw new Error(`lazy-index: cannot make this line lazy (use named re-exports, export { X } from './x', in src/index.ts): ${line}`);
    }
    out.push(line);
  }
  const result = out.join('\n');
  const before = exportedNames(js);
  const after = exportedNames(result);
  if (before.length === 0 || before.join() !== after.join()) {
    throw new Error(`lazy-index: the exports changed: [${before.join(', ')}] became [${after.join(', ')}]`);
  }
  return result;
}

function main(): void {
  const file = process.argv[2];
  if (!file) {
    throw new Error('usage: lazy-index.ts <lib/index.js>');
  }
  fs.writeFileSync(file, lazyIndex(fs.readFileSync(file, 'utf8')));
}

if (require.main === module) {
  main();
}
