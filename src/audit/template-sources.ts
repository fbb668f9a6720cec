import * as fs from 'fs';
import * as path from 'path';
import { parseTemplate } from './template-file';
import { CfnTemplate, flatten } from '../nag/template';

/** One template the audit reads, or why it could not. */
export interface TemplateSource {
  /** The file, as the user can open it. */
  readonly file: string;
  /** The stack's name (estimates of generated names use its length). */
  readonly stackName: string;
  /** The template's text and content; undefined when it could not be read. */
  readonly text?: string;
  readonly template?: CfnTemplate;
  /** Why the template could not be read. */
  readonly error?: string;
}

/** The stack name a template file carries (`MyStack.template.json`, `api.yaml`). */
export function stackNameOf(file: string): string {
  return path.basename(file).replace(/\.(nested\.)?template\.json$/, '').replace(/\.(json|ya?ml|template)$/, '');
}

/** Asset hash to the file in the assembly it was made from: a nested stack's template is a file asset. */
type AssetFiles = Map<string, string>;

/**
 * Where a nested stack's template is: the file the CDK names in its `aws:asset:path` metadata (the
 * CLI's default), the file asset its TemplateURL's object key names, or a local `TemplateURL` as
 * `aws cloudformation package` takes it.
 */
function nestedTemplatePath(resource: any, assets: AssetFiles): string | undefined {
  const assetPath = resource?.Metadata?.['aws:asset:path'];
  if (typeof assetPath === 'string' && /\.(json|ya?ml|template)$/.test(assetPath)) {
    return assetPath;
  }
  const url = flatten(resource?.Properties?.TemplateURL);
  const asset = [...assets.entries()].find(([hash]) => url.includes(`/${hash}.`));
  if (asset) {
    return asset[1];
  }
  return url.includes('${') || /^[a-z0-9]+:\/\//i.test(url) ? undefined : url;
}

/** A template and, after it, the templates of its nested stacks (and theirs). */
function withNested(file: string, stackName: string, seen: Set<string>, assets: AssetFiles = new Map()): TemplateSource[] {
  const resolved = path.resolve(file);
  if (seen.has(resolved)) {
    return [];
  }
  seen.add(resolved);
  let text: string;
  let template: CfnTemplate;
  try {
    text = fs.readFileSync(file, 'utf8');
    template = parseTemplate(text);
  } catch (e) {
    return [{ file, stackName, error: `cannot read a CloudFormation template (${(e as Error).message.split('\n')[0]})` }];
  }
  const nested = Object.entries<any>(template.Resources ?? {})
    .filter(([, r]) => r?.Type === 'AWS::CloudFormation::Stack')
    .flatMap(([id, r]) => {
      const relative = nestedTemplatePath(r, assets);
      return relative === undefined ? [] : withNested(path.join(path.dirname(file), relative), `${stackName}-${id}`, seen, assets);
    });
  return [{ file, stackName, text, template }, ...nested];
}

/** The file assets of a cloud assembly's asset manifests. */
function assetFiles(dir: string, artifacts: any[]): AssetFiles {
  const files: AssetFiles = new Map();
  for (const artifact of artifacts.filter((a) => a?.type === 'cdk:asset-manifest' && typeof a.properties?.file === 'string')) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, artifact.properties.file), 'utf8'));
      for (const [hash, asset] of Object.entries<any>(manifest.files ?? {})) {
        if (typeof asset?.source?.path === 'string') {
          files.set(hash, asset.source.path);
        }
      }
    } catch {
      // An unreadable asset manifest only hides nested stacks without `aws:asset:path` metadata.
    }
  }
  return files;
}

/** Every stack template of a cloud assembly (`cdk.out`), those of its stages' assemblies and nested stacks included. */
function assemblyTemplates(dir: string, seen: Set<string>): TemplateSource[] {
  const manifestFile = path.join(dir, 'manifest.json');
  let manifest: any;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch (e) {
    return [{ file: dir, stackName: path.basename(dir), error: `not a cloud assembly (cannot read ${manifestFile}); give a template file or a cdk.out folder` }];
  }
  const assets = assetFiles(dir, Object.values(manifest.artifacts ?? {}));
  return Object.entries<any>(manifest.artifacts ?? {}).flatMap(([id, artifact]) => {
    const props = artifact?.properties ?? {};
    if (artifact?.type === 'aws:cloudformation:stack' && typeof props.templateFile === 'string') {
      return withNested(path.join(dir, props.templateFile), props.stackName ?? id, seen, assets);
    }
    if (artifact?.type === 'cdk:cloud-assembly' && typeof props.directoryName === 'string') {
      return assemblyTemplates(path.join(dir, props.directoryName), seen);
    }
    return [];
  });
}

/**
 * The templates an audit target stands for: a template file (JSON or YAML) and its nested stacks,
 * or a cloud assembly folder (`cdk.out`) with every stack of every stage.
 */
export function templateSources(target: string): TemplateSource[] {
  const seen = new Set<string>();
  const isDirectory = fs.existsSync(target) && fs.statSync(target).isDirectory();
  return isDirectory ? assemblyTemplates(target, seen) : withNested(target, stackNameOf(target), seen);
}
