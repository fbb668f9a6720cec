import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { stackNameOf, templateSources } from '../../src/audit/template-sources';
import { newHandler } from '../util';

const made: string[] = [];

function tempDir(): string {
  made.push(fs.mkdtempSync(path.join(os.tmpdir(), 'sources-')));
  return made[made.length - 1];
}

afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A cloud assembly as `cdk synth` writes it: a stack, a stage with a stack, and a nested stack in each. */
function synthAssembly(assetMetadata: boolean): string {
  const outdir = tempDir();
  // The CLI has the CDK write `aws:asset:path` metadata; an app synthesized on its own (as here by default) does not.
  const app = new cdk.App({ outdir, context: { 'aws:cdk:enable-asset-metadata': assetMetadata } });
  const build = (stack: cdk.Stack) => {
    new apigateway.LambdaRestApi(stack, 'Api', { handler: newHandler(stack) });
    const nested = new cdk.NestedStack(stack, 'Inner');
    new apigateway.LambdaRestApi(nested, 'InnerApi', { handler: newHandler(nested) });
  };
  build(new cdk.Stack(app, 'Top'));
  build(new cdk.Stack(new cdk.Stage(app, 'Prod'), 'Service'));
  app.synth();
  return outdir;
}

describe('templateSources', () => {
  test('reads every stack of a cloud assembly: stages and nested stacks included', () => {
    const outdir = synthAssembly(false);
    const sources = templateSources(outdir);
    expect(sources.map((s) => [path.relative(outdir, s.file), s.stackName, s.error])).toEqual([
      [expect.stringMatching(/^assembly-Prod\/ProdService[0-9A-F]+\.template\.json$/), 'Prod-Service', undefined],
      [expect.stringMatching(/^assembly-Prod\/ProdServiceInner[0-9A-F]+\.nested\.template\.json$/), expect.stringMatching(/^Prod-Service-InnerNestedStack/), undefined],
      ['Top.template.json', 'Top', undefined],
      [expect.stringMatching(/^TopInner[0-9A-F]+\.nested\.template\.json$/), expect.stringMatching(/^Top-InnerNestedStack/), undefined],
    ]);
    expect(sources.every((s) => Object.values<any>(s.template!.Resources!).some((r) => r.Type === 'AWS::ApiGateway::RestApi'))).toBe(true);
  });

  test('finds nested stacks by their asset metadata too', () => {
    const outdir = synthAssembly(true);
    const top = JSON.parse(fs.readFileSync(path.join(outdir, 'Top.template.json'), 'utf8'));
    expect(Object.values<any>(top.Resources).some((r) => r.Metadata?.['aws:asset:path']?.endsWith('.nested.template.json'))).toBe(true);
    expect(templateSources(outdir)).toHaveLength(4);
  });

  test('follows a local TemplateURL of a hand-written template, once, and reads YAML', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'parent.yaml'), 'Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n'
      + '  Remote:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://bucket.s3.amazonaws.com/x.yaml\n');
    fs.writeFileSync(path.join(dir, 'child.yaml'), 'Resources:\n  Loop:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./parent.yaml\n');
    expect(templateSources(path.join(dir, 'parent.yaml')).map((s) => [path.basename(s.file), s.stackName])).toEqual([['parent.yaml', 'parent'], ['child.yaml', 'parent-Child']]);
  });

  test('says why a template or a folder cannot be read', () => {
    const dir = tempDir();
    expect(templateSources(path.join(dir, 'missing.json'))[0].error).toMatch(/cannot read a CloudFormation template \(ENOENT/);
    expect(templateSources(dir)[0].error).toMatch(/not a cloud assembly \(cannot read .*manifest\.json\); give a template file or a cdk\.out folder/);
  });
});

test.each([
  ['cdk.out/MyStack.template.json', 'MyStack'],
  ['cdk.out/MyStackInnerABC.nested.template.json', 'MyStackInnerABC'],
  ['templates/api.yaml', 'api'],
  ['templates/api.yml', 'api'],
  ['templates/api.template', 'api'],
])('stackNameOf(%s) is %s', (file, name) => {
  expect(stackNameOf(file)).toBe(name);
});
