import * as fs from 'fs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as YAML from 'yaml';
import { hasLocalFileRefs, resolveLocalRefs } from './local-refs';

/** The HTTP methods of an OpenAPI path item, and API Gateway's catch-all method. */
export const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'x-amazon-apigateway-any-method'];

/** The OpenAPI extension that holds an operation's integration. */
export const INTEGRATION_EXTENSION = 'x-amazon-apigateway-integration';

/** The OpenAPI extension that holds the API's gateway responses. */
export const GATEWAY_RESPONSES_EXTENSION = 'x-amazon-apigateway-gateway-responses';

/** An API document read at synth, and where it came from (for the messages). */
export interface ApiDocument {
  /** The parsed document. */
  readonly document: { [key: string]: any };
  /** The file it was read from, or `inline`. */
  readonly source: string;
}

/** One operation of a document. */
export interface ApiOperation {
  /** The path, as a key of `paths`. */
  readonly path: string;
  /** The method, as a key of the path item (lower case, or `x-amazon-apigateway-any-method`). */
  readonly method: string;
  /** The operation object itself. */
  readonly operation: { [key: string]: any };
}

/**
 * Parses an OpenAPI document: JSON from a `.json` file, YAML otherwise. A document that does not
 * parse throws an error naming the source and the line and column where parsing stopped.
 */
export function parseApiDocument(text: string, source: string): { [key: string]: any } {
  const parsed = source.toLowerCase().endsWith('.json') ? parseJson(text, source) : parseYaml(text, source);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`the API document ${source} is not an object with openapi (or swagger) and paths`);
  }
  return parsed as { [key: string]: any };
}

/** Line and column (from 1) of a character offset. */
export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const offset = /position (\d+)/.exec(message)?.[1];
    const where = offset === undefined ? '' : `:${lineAndColumn(text, Number(offset))}`;
    throw new Error(`the API document ${source}${where} does not parse as JSON: ${message}`);
  }
}

function parseYaml(text: string, source: string): unknown {
  try {
    // YAML is a superset of JSON: a JSON document in a .yaml file (or inline text) parses too.
    return YAML.parse(text, { prettyErrors: true });
  } catch (e) {
    const where = e instanceof YAML.YAMLError && e.linePos ? `:${e.linePos[0].line}:${e.linePos[0].col}` : '';
    throw new Error(`the API document ${source}${where} does not parse as YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}

/**
 * The errors of a document that is no OpenAPI 3 or Swagger 2 document API Gateway can import.
 */
export function checkDocumentVersion(doc: ApiDocument): string[] {
  const version = doc.document.openapi ?? doc.document.swagger;
  if (typeof version !== 'string' || !/^(3\.|2\.0)/.test(version)) {
    return [`the API document ${doc.source} must declare openapi: 3.x or swagger: '2.0'; got ${JSON.stringify(version)}`];
  }
  if (doc.document.openapi !== undefined && !/^3\.0(\.\d+)?$/.test(version)) {
    return [`the API document ${doc.source} declares openapi: ${version}, which API Gateway REST APIs cannot import (they take OpenAPI 3.0.x and Swagger 2.0): ` +
      'write it as openapi: 3.0.3 (3.1\'s type lists such as [string, "null"] become nullable: true, examples become example), or convert it with a tool made for that'];
  }
  const paths = doc.document.paths;
  if (typeof paths !== 'object' || paths === null || Array.isArray(paths)) {
    return [`the API document ${doc.source} has no paths object`];
  }
  return [];
}

/**
 * Reads the document of an API definition at synth: the object of `ApiDefinition.fromInline`, or
 * the JSON or YAML file of `ApiDefinition.fromAsset`. A document in S3 cannot be read at synth.
 */
export function readApiDefinition(definition: apigateway.ApiDefinition): ApiDocument {
  if (definition instanceof apigateway.InlineApiDefinition) {
    // aws-cdk-lib keeps the object in a private field; bind() gives it back without side effects.
    const inline = definition.bind(undefined as any).inlineDefinition;
    // A deep copy: the construct writes integrations into it and the user's object stays as it was.
    return { document: JSON.parse(JSON.stringify(inline)), source: 'inline' };
  }
  if (definition instanceof apigateway.AssetApiDefinition) {
    // bind() would create the S3 asset of the original file; the construct emits the transformed document instead.
    const file: string = (definition as any).path;
    const document = parseApiDocument(fs.readFileSync(file, 'utf8'), file);
    // A document split across files becomes one: API Gateway resolves no reference outside the document.
    return { document: hasLocalFileRefs(document) ? resolveLocalRefs(file) : document, source: file };
  }
  throw new Error('apiDefinition must be ApiDefinition.fromInline or ApiDefinition.fromAsset: the construct reads the document at synth to bind the integrations, and a document in S3 cannot be read then');
}

/** Every operation of a document, in document order. */
export function listOperations(document: { [key: string]: any }): ApiOperation[] {
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries<any>(document.paths ?? {})) {
    if (typeof item !== 'object' || item === null) {
      continue;
    }
    for (const method of OPERATION_METHODS) {
      const operation = item[method];
      if (typeof operation === 'object' && operation !== null) {
        operations.push({ path, method, operation });
      }
    }
  }
  return operations;
}

/** Where an operation is in the document, for the messages: `paths['/orders'].get`. */
export function operationLocation(op: ApiOperation): string {
  return `paths['${op.path}'].${op.method}`;
}

/**
 * How many API Gateway resources the paths make: one per distinct path prefix, the root excluded
 * (`/a/{id}` and `/a/{id}/b` make three: `/a`, `/a/{id}`, `/a/{id}/b`).
 */
export function countResources(document: { [key: string]: any }): number {
  const resources = new Set<string>();
  for (const path of Object.keys(document.paths ?? {})) {
    const segments = path.split('/').filter((s) => s.length > 0);
    for (let i = 1; i <= segments.length; i++) {
      resources.add(segments.slice(0, i).join('/'));
    }
  }
  return resources.size;
}
