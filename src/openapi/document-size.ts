import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { listForMessage } from './operation-keys';

/**
 * The one limit on the document inline in the template, in bytes as the template holds it: the
 * point where aws-cdk-lib's own template size check starts to warn (80 % of its
 * `TEMPLATE_BODY_MAXIMUM_SIZE`, 1,000,000 characters of the whole template), never looser; the
 * rest of the template keeps the remaining fifth. Past it the document goes to S3.
 */
export const TEMPLATE_SIZE_LIMIT = 800_000;

/** How deep the document sits in the template (Resources, the API, Properties, Body): one space each, per line. */
const BODY_DEPTH = 4;

/** The bytes the resolved document takes in the template as the CDK writes it (JSON indented by one space). */
export function documentTemplateBytes(resolved: unknown): number {
  const text = JSON.stringify(resolved, undefined, 1);
  return Buffer.byteLength(text, 'utf8') + text.split('\n').length * BODY_DEPTH;
}

/** Whether the document fits inline in the template. */
export function fitsInline(resolved: unknown): boolean {
  return documentTemplateBytes(resolved) <= TEMPLATE_SIZE_LIMIT;
}

/**
 * The error for a document too large for the template that cannot go to S3 either: an S3
 * document is imported as it is, so it must name its functions without CloudFormation references.
 */
export function documentTooLargeError(resolved: unknown, reason: string): string {
  return `the API document with its integrations takes ${documentTemplateBytes(resolved)} bytes in the template, above the limit of ${TEMPLATE_SIZE_LIMIT} ` +
    `(where aws-cdk-lib's template size check warns), and cannot go to S3 instead: ${reason}. Split the API into several, each with part of the paths, or ` +
    'shorten the document (descriptions, examples and schemas are not needed by API Gateway)';
}

/** Where a resolved document still holds CloudFormation expressions (`Ref`, `Fn::*`), which an S3 document cannot. */
export function cloudFormationExpressions(value: unknown, at: string = '#'): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => cloudFormationExpressions(item, `${at}/${i}`));
  }
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    return [at];
  }
  return Object.entries(value).flatMap(([key, item]) => cloudFormationExpressions(item, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
}

/** The reason an oversized document holding expressions cannot go to S3, listing where they are. */
export function expressionsReason(places: string[]): string {
  return `it holds CloudFormation expressions (${listForMessage(places)}), which CloudFormation resolves only in the template`;
}

/** The name of the stage variable that holds the name of the n-th bound function, for documents in S3. */
export function functionStageVariable(index: number): string {
  return `resilientFunction${index}`;
}

/**
 * A Lambda proxy integration URI that needs no CloudFormation reference: the function's name comes
 * from a stage variable (which the stage sets from the function), the region and account are the
 * stack's, known at synth.
 */
export function stageVariableUri(variable: string, region: string, account: string): string {
  const partition = RegionInfo.get(region).partition ?? 'aws';
  return `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/arn:${partition}:lambda:${region}:${account}:function:` +
    `\${stageVariables.${variable}}/invocations`;
}

/** Writes a document to a file of its own for an S3 asset, named by nothing but its content. */
export function writeDocumentFile(document: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resilient-spec-'));
  const file = path.join(dir, 'api.json');
  fs.writeFileSync(file, JSON.stringify(document));
  return file;
}
