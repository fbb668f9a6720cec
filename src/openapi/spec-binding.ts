import { CfnElement, Fn, Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ApiOperation, INTEGRATION_EXTENSION, listOperations, operationLocation } from './api-document';
import { describeOperation, listForMessage, routeKey, unknownKeysError } from './operation-keys';
import { OwnIntegration, readOwnIntegration } from './own-integrations';

const INVOCATION_URI_PREFIX = 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/';

/**
 * The URI of a Lambda proxy integration for a function, as one `Fn::Sub` string where it can be
 * (a literal ARN, or a function of the same stack named by its logical id): the document repeats
 * it for every operation, and a string takes one line of the template where a reference takes ten.
 * A function of another stack keeps its ARN as a reference, which the CDK exports across stacks.
 */
export function lambdaIntegrationUri(handler: lambda.IFunction, apiStack: Stack): string {
  if (!Token.isUnresolved(handler.functionArn)) {
    return Fn.sub(`${INVOCATION_URI_PREFIX}${handler.functionArn}/invocations`);
  }
  const cfn = handler.node.defaultChild;
  if (handler instanceof lambda.Function && cfn instanceof CfnElement && Stack.of(handler) === apiStack) {
    return Fn.sub(`${INVOCATION_URI_PREFIX}\${${apiStack.getLogicalId(cfn)}.Arn}/invocations`);
  }
  return Fn.sub(`${INVOCATION_URI_PREFIX}\${Arn}/invocations`, { Arn: handler.functionArn });
}

/** The integration the construct writes into an operation bound in `integrations`. */
export function renderLambdaIntegration(uri: string, timeoutMs: number): { [key: string]: any } {
  return { type: 'aws_proxy', httpMethod: 'POST', uri, timeoutInMillis: timeoutMs };
}

/** What binding the integrations into a document found and changed. */
export interface BindingResult {
  /** Operations without an integration, unknown `integrations` keys, duplicate operation ids, operations bound twice. */
  readonly errors: string[];
  /** The functions bound, once each, with the number of operations each serves. */
  readonly functions: Map<lambda.IFunction, number>;
  /** The integrations the document had of its own. */
  readonly ownIntegrations: OwnIntegration[];
  /** How many operations got an integration from `integrations` or `defaultHandler`. */
  readonly boundOperations: number;
}

/** The functions to bind: by operationId or `'METHOD /path'`, and the one for every other operation. */
export interface BindingInput {
  /** The user's `integrations`. */
  readonly integrations: { [operationIdOrRoute: string]: lambda.IFunction };
  /** The user's `defaultHandler`. */
  readonly defaultHandler?: lambda.IFunction;
}

function own<T>(map: { [key: string]: T }, key: string | undefined): T | undefined {
  return key !== undefined && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** The errors of operation ids given to more than one operation. */
function duplicateIdErrors(operations: ApiOperation[]): string[] {
  const byId = new Map<string, ApiOperation[]>();
  for (const op of operations) {
    const id = op.operation.operationId;
    if (typeof id === 'string') {
      byId.set(id, [...(byId.get(id) ?? []), op]);
    }
  }
  const duplicates = [...byId.entries()].filter(([, ops]) => ops.length > 1);
  return duplicates.length === 0 ? [] : [`operation ids must be unique; given to several operations: ${listForMessage(
    duplicates.map(([id, ops]) => `'${id}' (${ops.map(operationLocation).join(' and ')})`))}`];
}

/** How one operation is bound: the function and the key naming it, or the reason it is not. */
interface OperationBinding {
  readonly handler?: lambda.IFunction;
  readonly error?: string;
}

function bindOperation(op: ApiOperation, input: BindingInput, usedKeys: Set<string>): OperationBinding {
  const id = typeof op.operation.operationId === 'string' ? op.operation.operationId : undefined;
  const route = routeKey(op);
  const keys = [id, route].filter((k): k is string => k !== undefined && own(input.integrations, k) !== undefined);
  keys.forEach((k) => usedKeys.add(k));
  if (keys.length > 1) {
    return { error: `${describeOperation(op)} is bound twice, by integrations['${id}'] and integrations['${route}']; keep one` };
  }
  const keyed = keys.length === 1 ? input.integrations[keys[0]] : undefined;
  if (op.operation[INTEGRATION_EXTENSION] !== undefined) {
    return keyed ? { error: `${describeOperation(op)} has an ${INTEGRATION_EXTENSION} of its own and integrations['${keys[0]}']; keep one` } : {};
  }
  return { handler: keyed ?? input.defaultHandler };
}

/**
 * Writes an `x-amazon-apigateway-integration` into every operation bound by its operationId or
 * route in `integrations`, or by `defaultHandler` (the document is changed in place), and reports
 * what is wrong: operations with no integration, keys that match nothing, duplicate operation ids.
 */
export function bindIntegrations(
  document: { [key: string]: any }, input: BindingInput, timeoutMs: number, uriOf: (handler: lambda.IFunction) => string,
): BindingResult {
  const operations = listOperations(document);
  const errors = duplicateIdErrors(operations);
  const functions = new Map<lambda.IFunction, number>();
  const uris = new Map<lambda.IFunction, string>();
  const ownIntegrations: OwnIntegration[] = [];
  const unbound: ApiOperation[] = [];
  const usedKeys = new Set<string>();
  for (const op of operations) {
    const binding = bindOperation(op, input, usedKeys);
    const ownIntegration = op.operation[INTEGRATION_EXTENSION];
    if (binding.error) {
      errors.push(binding.error);
    } else if (binding.handler) {
      const handler = binding.handler;
      const uri = uris.get(handler) ?? uriOf(handler);
      uris.set(handler, uri);
      op.operation[INTEGRATION_EXTENSION] = renderLambdaIntegration(uri, timeoutMs);
      functions.set(handler, (functions.get(handler) ?? 0) + 1);
    } else if (ownIntegration !== undefined) {
      ownIntegrations.push(readOwnIntegration(op, ownIntegration));
    } else {
      unbound.push(op);
    }
  }
  if (unbound.length > 0) {
    errors.push(`${unbound.length === 1 ? 'an operation has' : `${unbound.length} operations have`} no integration: ${listForMessage(unbound.map(describeOperation))}. ` +
      `Add each to integrations by operationId or 'METHOD /path', give it an ${INTEGRATION_EXTENSION}, or set defaultHandler`);
  }
  const unknown = Object.keys(input.integrations).filter((k) => !usedKeys.has(k));
  const candidates = operations.flatMap((op) => typeof op.operation.operationId === 'string' ? [op.operation.operationId, routeKey(op)] : [routeKey(op)]);
  const unknownError = unknownKeysError(unknown, candidates);
  if (unknownError) {
    errors.push(unknownError);
  }
  const boundOperations = [...functions.values()].reduce((a, b) => a + b, 0);
  return { errors, functions, ownIntegrations, boundOperations };
}
