/** Set by the construct on the functions it integrates: the integration timeout in milliseconds. */
export const INTEGRATION_TIMEOUT_ENV = 'RESILIENT_API_INTEGRATION_TIMEOUT_MS';

/** Set by the construct: the headers of its error responses (CORS), JSON of name to mapping expression. */
export const ERROR_HEADERS_ENV = 'RESILIENT_API_ERROR_HEADERS';

/** The CloudWatch namespace of the metrics the helper emits (EMF), the construct's own. */
export const METRICS_NAMESPACE = 'ResilientLambdaRestApi';

/** The metric of caught errors (exceptions, malformed responses): the construct adds it to Lambda's Errors. */
export const FUNCTION_ERRORS_METRIC = 'FunctionErrors';

/** The metric of deadlines: the construct adds it to the integration timeouts it counts. */
export const FUNCTION_DEADLINES_METRIC = 'FunctionDeadlines';

/** Statuses whose errors are retryable unless told otherwise (as in the construct's error mappings). */
export const RETRYABLE_STATUSES = [429, 502, 503, 504];

/** The body `type` for a status when none is given. */
export const DEFAULT_TYPES: { [status: number]: string } = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  410: 'GONE',
  412: 'PRECONDITION_FAILED',
  413: 'REQUEST_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  500: 'FUNCTION_ERROR',
  501: 'NOT_IMPLEMENTED',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'FUNCTION_TIMEOUT',
};
