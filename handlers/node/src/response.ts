import { DEFAULT_TYPES, ERROR_HEADERS_ENV, RETRYABLE_STATUSES } from './constants';
import { Environment, ErrorBody, ProxyEvent, ProxyResult } from './types';

/** Options of `errorResponse`. */
export interface ErrorResponseOptions {
  /** The request: its extended request id goes into the body, its `Origin` into echoed CORS headers. */
  readonly event?: ProxyEvent;
  /** The body's `type`, for programs. Default: by status, for example NOT_FOUND for 404, else HTTP_<status>. */
  readonly type?: string;
  /** Whether retrying may succeed. Default: true for 429, 502, 503 and 504. */
  readonly retryable?: boolean;
  /** Extra headers, which win over the contract's. */
  readonly headers?: { [name: string]: string };
  /** The environment to read the construct's error headers from. Default: process.env. */
  readonly env?: Environment;
}

function lookup(values: { [name: string]: string | undefined } | null | undefined, name: string, ignoreCase: boolean): string | undefined {
  const entries = Object.entries(values ?? {});
  const found = entries.find(([key]) => (ignoreCase ? key.toLowerCase() === name.toLowerCase() : key === name));
  return found?.[1];
}

/**
 * The value of one of API Gateway's header mapping expressions for a request: a quoted literal,
 * or a request header, query string or path parameter, or stage variable. Undefined for anything
 * else or a value the request does not have (the header is then left out, as API Gateway does).
 */
export function mappingValue(expression: string, event: ProxyEvent | undefined): string | undefined {
  const literal = /^'(.*)'$/s.exec(expression);
  if (literal) {
    return literal[1];
  }
  const sources: Array<[string, ProxyEvent[string], boolean]> = [
    ['method.request.header.', event?.headers, true],
    ['method.request.querystring.', event?.queryStringParameters, false],
    ['method.request.path.', event?.pathParameters, false],
    ['stageVariables.', event?.stageVariables, false],
  ];
  for (const [prefix, values, ignoreCase] of sources) {
    if (expression.startsWith(prefix)) {
      return lookup(values as { [name: string]: string | undefined }, expression.slice(prefix.length), ignoreCase);
    }
  }
  return undefined;
}

/** The headers the API puts on its error responses (CORS), as the construct passed them, resolved for a request. */
export function contractHeaders(event: ProxyEvent | undefined, env: Environment = process.env): { [name: string]: string } {
  const headers: { [name: string]: string } = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  let expressions: { [name: string]: unknown } = {};
  try {
    expressions = JSON.parse(env[ERROR_HEADERS_ENV] ?? '{}');
  } catch {
    // A value the construct did not write: no CORS headers rather than a failed error response.
  }
  for (const [name, expression] of Object.entries(expressions ?? {})) {
    const value = typeof expression === 'string' ? mappingValue(expression, event) : undefined;
    if (value !== undefined) {
      headers[name] = value;
    }
  }
  return headers;
}

/** The contract's error body. */
export function errorBody(status: number, message: string, options: ErrorResponseOptions = {}): ErrorBody {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new RangeError(`errorResponse: status must be an integer from 400 to 599, got ${String(status)}`);
  }
  return {
    message: String(message),
    type: options.type ?? DEFAULT_TYPES[status] ?? `HTTP_${status}`,
    status,
    retryable: options.retryable ?? RETRYABLE_STATUSES.includes(status),
    requestId: options.event?.requestContext?.extendedRequestId ?? '',
  };
}

/**
 * A Lambda proxy response for an error, in the contract's shape: the JSON body every error of the
 * API has, `Cache-Control: no-store` and the API's CORS headers for errors.
 *
 * @param status the HTTP status, 400 to 599
 * @param message what went wrong, for people (clients see it: no internal detail)
 */
export function errorResponse(status: number, message: string, options: ErrorResponseOptions = {}): ProxyResult {
  const body = errorBody(status, message, options);
  return {
    statusCode: status,
    headers: { ...contractHeaders(options.event, options.env), ...options.headers },
    body: JSON.stringify(body),
  };
}

/**
 * Throw it anywhere in a handler wrapped by `withContract` (or `contractMiddleware`) to answer the
 * contract's error. A deliberate answer, not a failure: it is neither logged nor counted as a function error.
 */
export class ContractError extends Error {
  constructor(public readonly status: number, message: string, public readonly options: Omit<ErrorResponseOptions, 'event' | 'env'> = {}) {
    super(message);
    this.name = 'ContractError';
    errorBody(status, message, options); // checks the status where it is thrown
  }

  /** The proxy response it stands for. */
  public response(event?: ProxyEvent, env?: Environment): ProxyResult {
    return errorResponse(this.status, this.message, { ...this.options, event, env });
  }
}
