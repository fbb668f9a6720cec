import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { lazyIndex } from '../scripts/lazy-index';

/**
 * Compiles src/ to CommonJS JavaScript in `outDir` (file by file, without type-checking: the
 * type-check is the build's job), so that the whole-process benchmark loads this library as a user
 * gets it from npm, and does not pay for transpiling TypeScript that users never transpile.
 * Returns the directory to load the library from.
 */
export function compileLibrary(srcDir: string, outDir: string): string {
  fs.rmSync(outDir, { recursive: true, force: true });
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []);
  for (const file of walk(srcDir)) {
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      fileName: file,
      // Inline source maps, as jsii compiles it (tsconfig.json): ts-node's source-map-support reads them
      // for every stack trace aws-cdk-lib captures.
      compilerOptions: {
        module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true, inlineSources: true,
      },
    });
    const target = path.join(outDir, path.relative(srcDir, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, path.relative(srcDir, file) === 'index.ts' ? lazyIndex(outputText) : outputText);
  }
  return outDir;
}
