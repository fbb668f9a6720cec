"""Names shared with the construct (and the Node.js helper): a jest test checks they agree."""

#: Set by the construct on the functions it integrates: the integration timeout in milliseconds.
INTEGRATION_TIMEOUT_ENV = "RESILIENT_API_INTEGRATION_TIMEOUT_MS"

#: Set by the construct: the headers of its error responses (CORS), JSON of name to mapping expression.
ERROR_HEADERS_ENV = "RESILIENT_API_ERROR_HEADERS"

#: The CloudWatch namespace of the metrics the helper emits (EMF), the construct's own.
METRICS_NAMESPACE = "ResilientLambdaRestApi"

#: Caught errors and malformed responses: the construct adds it to Lambda's Errors.
FUNCTION_ERRORS_METRIC = "FunctionErrors"

#: Deadlines: the construct adds it to the integration timeouts it counts.
FUNCTION_DEADLINES_METRIC = "FunctionDeadlines"

#: Statuses whose errors are retryable unless told otherwise (as in the construct's error mappings).
RETRYABLE_STATUSES = (429, 502, 503, 504)

#: The body ``type`` for a status when none is given.
DEFAULT_TYPES = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    409: "CONFLICT",
    410: "GONE",
    412: "PRECONDITION_FAILED",
    413: "REQUEST_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "UNPROCESSABLE_ENTITY",
    429: "TOO_MANY_REQUESTS",
    500: "FUNCTION_ERROR",
    501: "NOT_IMPLEMENTED",
    502: "BAD_GATEWAY",
    503: "SERVICE_UNAVAILABLE",
    504: "FUNCTION_TIMEOUT",
}

#: The message clients get for a caught error: AWS's own, so that nothing internal leaks.
FUNCTION_ERROR_MESSAGE = "Internal server error"

#: The message clients get when the deadline is near.
DEADLINE_MESSAGE = "The function timed out"

#: How long before the deadline the helper answers 504, by default.
DEFAULT_MARGIN_MS = 500
