import { Lazy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CheckWarning } from './checks';

/** The integration timeout in milliseconds, set on every function the APIs integrate: the handler helpers' deadline. */
export const INTEGRATION_TIMEOUT_ENV = 'RESILIENT_API_INTEGRATION_TIMEOUT_MS';

/** The headers of the API's error responses (CORS), JSON of name to mapping expression: the handler helpers answer with them. */
export const ERROR_HEADERS_ENV = 'RESILIENT_API_ERROR_HEADERS';

/** What a function was told, by every integration of it. */
interface Told {
  readonly timeoutsMs: Set<number>;
  readonly headers: Set<string>;
}

const told = new WeakMap<lambda.Function, Told>();

/** The JSON of a header map with its names in order, so that equal maps compare equal. */
function headersJson(headers: { [name: string]: string }): string {
  return JSON.stringify(Object.fromEntries(Object.entries(headers).sort(([a], [b]) => a.localeCompare(b))));
}

/**
 * Tells a function its integration timeout and the API's error headers through its environment,
 * for the handler helpers. A function integrated more than once gets the shortest timeout and the
 * first headers, with a warning when they differ. An imported function's environment cannot be set
 * here: the helpers then go by the function's own remaining time and answer without CORS headers.
 */
export function tellFunction(
  handler: lambda.IFunction, integrationTimeoutMs: number, errorHeaders: { [name: string]: string },
): CheckWarning | undefined {
  if (!(handler instanceof lambda.Function)) {
    return undefined;
  }
  let record = told.get(handler);
  if (!record) {
    const fresh: Told = { timeoutsMs: new Set(), headers: new Set() };
    record = fresh;
    told.set(handler, fresh);
    handler.addEnvironment(INTEGRATION_TIMEOUT_ENV, Lazy.string({ produce: () => String(Math.min(...fresh.timeoutsMs)) }));
    handler.addEnvironment(ERROR_HEADERS_ENV, Lazy.string({ produce: () => [...fresh.headers][0] }));
  }
  record.timeoutsMs.add(integrationTimeoutMs);
  record.headers.add(headersJson(errorHeaders));
  if (record.timeoutsMs.size > 1 || record.headers.size > 1) {
    return {
      id: 'functionToldSeveralDeadlines',
      message: `Function ${handler.node.path} is integrated with different integration timeouts (${[...record.timeoutsMs].join(' ms, ')} ms) or CORS ` +
        `settings: its ${INTEGRATION_TIMEOUT_ENV} is the shortest and its ${ERROR_HEADERS_ENV} the first, so the handler helpers answer 504 at ` +
        'the shortest deadline and with the first API\'s CORS headers on every route. Give each setting a function of its own.',
    };
  }
  return undefined;
}
