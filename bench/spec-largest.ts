/**
 * `npx ts-node --prefer-ts-exts bench/spec-largest.ts [operations...]`: the largest OpenAPI documents
 * `ResilientSpecRestApi` synthesizes. Each size runs in a fresh Node process: operation i is
 * `GET /r{i/4}/item{i%4}` with a 200-byte description, bound by route to one of 20 functions. Prints,
 * per size, the document's bytes (as written: inline in the template, or the S3 asset), where it went,
 * the template's bytes and the synth's CPU time (user and system, building the app to `app.synth()`).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ResilientSpecRestApi } from '../src';

function child(operations: number): void {
  const start = process.cpuUsage();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-largest-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Largest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const handlers = Array.from({ length: 20 }, (_, f) => new lambda.Function(stack, `Fn${f}`, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 })'),
  }));
  const paths: Record<string, any> = {};
  const integrations: Record<string, lambda.IFunction> = {};
  for (let i = 0; i < operations; i++) {
    const route = `/r${Math.floor(i / 4)}/item${i % 4}`;
    paths[route] = { get: { description: `Operation ${i}. ${'x'.repeat(200)}`, responses: { 200: { description: 'ok' } } } };
    integrations[`GET ${route}`] = handlers[i % 20];
  }
  new ResilientSpecRestApi(stack, 'Api', { apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', info: { title: 'largest', version: '1' }, paths }), integrations });
  const artifact = app.synth().getStackByName('Largest');
  const cpu = process.cpuUsage(start);
  const templateBytes = fs.statSync(artifact.templateFullPath).size;
  const restApi: any = Object.values<any>(artifact.template.Resources).find((r) => r.Type === 'AWS::ApiGateway::RestApi');
  const inS3 = restApi.Properties.BodyS3Location !== undefined;
  const asset = inS3 ? fs.readdirSync(outdir).find((f) => f.startsWith('asset.') && f.endsWith('.json')) : undefined;
  const documentBytes = asset ? fs.statSync(path.join(outdir, asset)).size : Buffer.byteLength(JSON.stringify(restApi.Properties.Body));
  process.stdout.write(JSON.stringify({ operations, documentBytes, where: inS3 ? 'S3' : 'inline', templateBytes, cpuMs: Math.round((cpu.user + cpu.system) / 1000) }));
}

if (process.argv[2] === 'child') {
  child(Number(process.argv[3]));
} else {
  const sizes = process.argv.slice(2).map(Number);
  for (const operations of sizes.length > 0 ? sizes : [1000, 2000, 5000, 10000]) {
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, 'child', String(operations)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    console.log(run.status === 0 ? run.stdout : `${operations}: ${run.stderr.split('\n').find((l) => l.includes('Error')) ?? run.stderr.slice(0, 300)}`);
  }
}
