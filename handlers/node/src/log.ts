import { FUNCTION_DEADLINES_METRIC, FUNCTION_ERRORS_METRIC, METRICS_NAMESPACE } from './constants';
import { Environment, LambdaContext, ProxyEvent } from './types';

/** Why the helper answered in the function's place. */
export type ContractCause = 'FUNCTION_ERROR' | 'MALFORMED_RESPONSE' | 'DEADLINE';

/** What one error log line says besides the request ids. */
export interface ErrorLogDetails {
  readonly cause: ContractCause;
  readonly message: string;
  /** The field at fault of a malformed response. */
  readonly field?: string;
  /** The error the handler threw. */
  readonly error?: unknown;
  /** The status the client got. */
  readonly status: number;
}

/** Where the line goes: stdout without Lambda's text prefix, so CloudWatch reads the JSON (and its EMF metric). */
export type LineWriter = (line: string) => void;

export const writeStdout: LineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

function errorFields(error: unknown): { [key: string]: unknown } {
  if (error instanceof Error) {
    return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  }
  return error === undefined ? {} : { errorName: typeof error, errorMessage: String(error) };
}

/**
 * One structured JSON line for an error the helper answered: the cause, the field at fault, the
 * request ids (the extended request id clients see, API Gateway's request id, Lambda's) and, in
 * CloudWatch's embedded metric format, one count in the metric the construct's alarms read:
 * `FunctionErrors` for a caught error or malformed response, `FunctionDeadlines` for a deadline.
 */
export function errorLogLine(details: ErrorLogDetails, event: ProxyEvent | undefined, context: LambdaContext | undefined,
  env: Environment = process.env, now: number = Date.now()): string {
  const metric = details.cause === 'DEADLINE' ? FUNCTION_DEADLINES_METRIC : FUNCTION_ERRORS_METRIC;
  const functionName = context?.functionName ?? env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown';
  return JSON.stringify({
    level: 'ERROR',
    timestamp: new Date(now).toISOString(),
    message: details.message,
    cause: details.cause,
    ...(details.field ? { field: details.field } : {}),
    status: details.status,
    requestId: event?.requestContext?.extendedRequestId,
    apiRequestId: event?.requestContext?.requestId,
    lambdaRequestId: context?.awsRequestId,
    xrayTraceId: env._X_AMZN_TRACE_ID,
    ...errorFields(details.error),
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['FunctionName']], Metrics: [{ Name: metric, Unit: 'Count' }] }],
    },
    FunctionName: functionName,
    [metric]: 1,
  });
}
