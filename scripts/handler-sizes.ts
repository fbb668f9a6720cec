// Measures what the handler helpers add to a Lambda bundle: the Node helper bundled by esbuild (minified, as
// NodejsFunction does with minify: true) into a handler that uses all of it, less the same handler without it;
// the Python helper installed with pip into an empty target, as into a Lambda bundle. Prints the README's table.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { buildSync } from 'esbuild';

const ROOT = path.join(__dirname, '..');

function bundleBytes(source: string, minify: boolean): { raw: number; gzip: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helper-size-'));
  const entry = path.join(dir, 'index.ts');
  fs.writeFileSync(entry, source);
  const out = buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node22', format: 'cjs', minify, write: false });
  const code = Buffer.from(out.outputFiles[0].contents);
  fs.rmSync(dir, { recursive: true, force: true });
  return { raw: code.length, gzip: zlib.gzipSync(code).length };
}

const HELPER = path.join(ROOT, 'handlers', 'node', 'src', 'index.ts').replace(/\\/g, '/');
const WITH_HELPER = `import { errorResponse, withContract } from '${HELPER.replace(/\.ts$/, '')}';
export const handler = withContract(async (event: any) => (event.path === '/x' ? errorResponse(404, 'no', { event }) : { statusCode: 200, body: 'ok' }));
`;
const WITHOUT_HELPER = `export const handler = async (event: any) => (event.path === '/x' ? { statusCode: 404, body: 'no' } : { statusCode: 200, body: 'ok' });
`;

function directoryBytes(dir: string): number {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((file) => path.join(dir, file))
    .filter((file) => fs.statSync(file).isFile())
    .reduce((sum, file) => sum + fs.statSync(file).size, 0);
}

function pythonInstalledBytes(): { total: number; module: number } {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'helper-py-'));
  const venvPython = path.join(ROOT, 'handlers', 'python', '.venv', 'bin', 'python');
  const python = fs.existsSync(venvPython) ? venvPython : 'python3';
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--no-compile', '--target', target,
    path.join(ROOT, 'handlers', 'python')], { stdio: 'inherit' });
  const total = directoryBytes(target);
  const module = directoryBytes(path.join(target, 'resilient_lambda_rest_api_handler'));
  fs.rmSync(target, { recursive: true, force: true });
  return { total, module };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

if (require.main === module) {
  const minified = bundleBytes(WITH_HELPER, true);
  const baseline = bundleBytes(WITHOUT_HELPER, true);
  const plain = bundleBytes(WITH_HELPER, false);
  const py = pythonInstalledBytes();
  console.log([
    '| Helper | Measured | Size |',
    '|---|---|---|',
    `| Node.js | added to a handler bundled by esbuild, minified (gzip) | ${kb(minified.raw - baseline.raw)} (${kb(minified.gzip - baseline.gzip)}) |`,
    `| Node.js | added to a handler bundled by esbuild, not minified | ${kb(plain.raw - baseline.raw)} |`,
    `| Python | installed by pip into a bundle (the module, schema included; with its dist-info) | ${kb(py.module)} (${kb(py.total)}) |`,
  ].join('\n'));
}
