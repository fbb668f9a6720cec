import { deadlineBudgetMs, DeadlineError, DEFAULT_MARGIN_MS } from './deadline';
import { errorLogLine, ErrorLogDetails, LineWriter, writeStdout } from './log';
import { ContractError, errorResponse } from './response';
import { Environment, LambdaContext, ProxyEvent, ProxyResult } from './types';
import { findMalformedField } from './validate';

/** Options of `withContract` and `contractMiddleware`. */
export interface ContractOptions {
  /** How long before the deadline the helper answers 504. Default: 500 ms. */
  readonly marginMs?: number;
  /** Where the error lines go. Default: stdout. */
  readonly write?: LineWriter;
  /** The environment (construct settings, function name). Default: process.env. */
  readonly env?: Environment;
}

/** A handler `withContract` wraps: the third argument is aborted when the deadline is near. */
export type ContractHandler<E extends ProxyEvent = ProxyEvent, C extends LambdaContext = LambdaContext> =
  (event: E, context: C, signal: AbortSignal) => Promise<unknown> | unknown;

/** The message clients get for a caught error: AWS's own, so that nothing internal leaks. */
export const FUNCTION_ERROR_MESSAGE = 'Internal server error';

/** The message clients get when the deadline is near. */
export const DEADLINE_MESSAGE = 'The function timed out';

/** Answers for the function: logs one line (with its metric) and returns the contract's response. */
function answer(details: ErrorLogDetails, event: ProxyEvent | undefined, context: LambdaContext | undefined, options: ContractOptions): ProxyResult {
  (options.write ?? writeStdout)(errorLogLine(details, event, context, options.env));
  const deadline = details.cause === 'DEADLINE';
  return errorResponse(details.status, deadline ? DEADLINE_MESSAGE : FUNCTION_ERROR_MESSAGE, {
    event, env: options.env, type: deadline ? 'FUNCTION_TIMEOUT' : 'FUNCTION_ERROR', retryable: deadline,
  });
}

/** The contract 500 for an error a handler threw; a `ContractError`'s own response. */
export function answerError(error: unknown, event: ProxyEvent | undefined, context: LambdaContext | undefined,
  options: ContractOptions = {}): ProxyResult {
  if (error instanceof ContractError) {
    return error.response(event, options.env);
  }
  const message = `The handler threw: ${error instanceof Error ? error.message : String(error)}`;
  return answer({ cause: 'FUNCTION_ERROR', message, error, status: 500 }, event, context, options);
}

/** The handler's result when well-formed, else the contract 500 with a line naming the field at fault. */
export function checkedResult(result: unknown, event: ProxyEvent | undefined, context: LambdaContext | undefined,
  options: ContractOptions = {}): ProxyResult {
  const fault = findMalformedField(result);
  if (!fault) {
    return result as ProxyResult;
  }
  const message = `The handler returned a malformed proxy response: ${fault.field} ${fault.problem}`;
  return answer({ cause: 'MALFORMED_RESPONSE', message, field: fault.field, status: 500 }, event, context, options);
}

const DEADLINE = Symbol('deadline');

/**
 * Wraps a Lambda proxy handler in the error contract: an error it throws becomes the contract's
 * 500, a malformed response becomes the contract's 500 whose log line names the field at fault,
 * and shortly before API Gateway would cut the request (its integration timeout, which the
 * construct sets in the function's environment, or the function's own timeout) the client gets
 * the contract's 504 and the handler's `signal` is aborted. Each of those logs one JSON line with
 * the request ids and a count in the metric the construct's alarms read.
 */
export function withContract<E extends ProxyEvent, C extends LambdaContext>(handler: ContractHandler<E, C>, options: ContractOptions = {}):
(event: E, context: C) => Promise<ProxyResult> {
  return async (event, context) => {
    const controller = new AbortController();
    const budget = deadlineBudgetMs(context, options.marginMs ?? DEFAULT_MARGIN_MS, options.env);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof DEADLINE>((resolve) => {
      if (budget !== undefined) {
        timer = setTimeout(() => resolve(DEADLINE), budget);
      }
    });
    const run = (async () => handler(event, context, controller.signal))()
      .then((result) => ({ result }), (error: unknown) => ({ error }));
    try {
      const outcome = await Promise.race([run, deadline]);
      if (outcome === DEADLINE) {
        controller.abort(new DeadlineError(budget!));
        const message = `The handler did not answer within ${budget} ms; answered 504 before API Gateway would and aborted its signal`;
        return answer({ cause: 'DEADLINE', message, status: 504 }, event, context, options);
      }
      return 'error' in outcome ? answerError(outcome.error, event, context, options) : checkedResult(outcome.result, event, context, options);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** What Middy passes to a middleware. */
export interface MiddyRequest {
  event: ProxyEvent;
  context: LambdaContext;
  response: unknown;
  error: unknown;
}

/**
 * The same contract as a Middy middleware: `middy(handler).use(contractMiddleware())`. An error
 * becomes the contract's 500 and a malformed response the contract's 500 naming the field; for the
 * deadline, wrap the Middy handler in `withContract` (a middleware cannot race the handler).
 */
export function contractMiddleware(options: ContractOptions = {}) {
  return {
    after: async (request: MiddyRequest) => {
      request.response = checkedResult(request.response, request.event, request.context, options);
    },
    onError: async (request: MiddyRequest) => {
      request.response = answerError(request.error, request.event, request.context, options);
    },
  };
}
