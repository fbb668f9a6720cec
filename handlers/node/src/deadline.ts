import { INTEGRATION_TIMEOUT_ENV } from './constants';
import { Environment, LambdaContext } from './types';

/** How long before API Gateway's cut the helper answers, by default. */
export const DEFAULT_MARGIN_MS = 500;

/** The integration timeout the construct set on the function, if it did. */
export function integrationTimeoutMs(env: Environment = process.env): number | undefined {
  const value = Number(env[INTEGRATION_TIMEOUT_ENV]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Milliseconds the handler has before the helper answers 504: the integration timeout (API
 * Gateway's clock started before this invocation, so a cold start's init counts against it) or
 * the function's remaining time, whichever is shorter, less the margin. Undefined when neither is known.
 */
export function deadlineBudgetMs(context: LambdaContext | undefined, marginMs: number, env: Environment = process.env): number | undefined {
  const limits = [integrationTimeoutMs(env), context?.getRemainingTimeInMillis?.()].filter((v): v is number => typeof v === 'number');
  return limits.length === 0 ? undefined : Math.max(0, Math.min(...limits) - marginMs);
}

/** The reason an aborted handler's signal carries. */
export class DeadlineError extends Error {
  constructor(budgetMs: number) {
    super(`The API's deadline is near: the helper answered 504 after ${budgetMs} ms; stop working`);
    this.name = 'DeadlineError';
  }
}
