import type * as Yaml from 'yaml';
import { CfnTemplate } from '../nag/template';

/** CloudFormation's short-form tags (`!Ref`, `!Sub`, ...) and the long form each stands for. */
const SHORT_FORMS = [
  'And', 'Base64', 'Cidr', 'Equals', 'FindInMap', 'ForEach', 'GetAtt', 'GetAZs', 'If', 'ImportValue', 'Join', 'Length',
  'Not', 'Or', 'Select', 'Split', 'Sub', 'ToJsonString', 'Transform',
].map((name) => [name, `Fn::${name}`]).concat([['Ref', 'Ref'], ['Condition', 'Condition']]);

/** `!GetAtt Fn.Arn` is the scalar form of `Fn::GetAtt: [Fn, Arn]` (the attribute may hold dots). */
function longForm(key: string, value: unknown): unknown {
  if (key === 'Fn::GetAtt' && typeof value === 'string' && value.includes('.')) {
    const dot = value.indexOf('.');
    return { [key]: [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [key]: value };
}

const CUSTOM_TAGS = SHORT_FORMS.flatMap(([name, key]) => [
  { tag: `!${name}`, resolve: (value: string) => longForm(key, value) },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (seq: any) => longForm(key, seq.toJSON()) },
  { tag: `!${name}`, collection: 'map' as const, resolve: (map: any) => longForm(key, map.toJSON()) },
]);

/**
 * Reads a CloudFormation template from its text, JSON or YAML (with the short-form tags, as
 * `aws cloudformation` and SAM accept them). Throws with the line and column of a syntax error.
 */
export function parseTemplate(text: string): CfnTemplate {
  if (/^\s*\{/.test(text)) {
    return JSON.parse(text);
  }
  // Loaded on first use: the parser costs more to load than a JSON template costs to audit.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml: typeof Yaml = require('yaml');
  const template = yaml.parse(text, { customTags: CUSTOM_TAGS as any, prettyErrors: true, logLevel: 'error' });
  if (template === null || typeof template !== 'object' || Array.isArray(template)) {
    throw new Error('not a CloudFormation template (no mapping at the top)');
  }
  return template;
}

/**
 * The line (1-based) where a template's text defines a resource: the line under `Resources` that
 * starts its `"LogicalId":` (JSON) or `LogicalId:` (YAML) key at the indentation of the resources.
 * Undefined where it cannot be found (a template on one line).
 */
export function lineOfResource(text: string, logicalId: string): number | undefined {
  const escaped = logicalId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lines = text.split('\n');
  const resources = lines.findIndex((l) => /^\s*"?Resources"?\s*:\s*\{?\s*$/.test(l));
  const first = lines.slice(resources + 1).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (resources < 0 || first === undefined) {
    return undefined;
  }
  const indent = /^\s*/.exec(first)![0];
  const key = new RegExp(`^${indent}(?:"${escaped}"|'${escaped}'|${escaped})\\s*:`);
  const found = lines.findIndex((l, i) => i > resources && key.test(l));
  return found < 0 ? undefined : found + 1;
}
