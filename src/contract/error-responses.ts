import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ERROR_BODY_FIELDS } from './error-body';

/**
 * A change to the error response of one gateway response type.
 *
 * Anything left out keeps the construct's default for that type.
 */
export interface ErrorResponseOverride {
  /**
   * The gateway response type to change, for example `ResponseType.INTEGRATION_TIMEOUT`.
   */
  readonly type: apigateway.ResponseType;

  /**
   * The HTTP status code, as a string of three digits from 100 to 599.
   *
   * Setting it on `DEFAULT_4XX` or `DEFAULT_5XX` changes the status of every response type
   * that falls back to them, which is rarely what you want.
   *
   * @default - the construct's status for this type (see the README's error contract)
   */
  readonly statusCode?: string;

  /**
   * A fixed message that replaces API Gateway's own message in the body.
   *
   * @default - API Gateway's message for the failure (`$context.error.messageString`)
   */
  readonly message?: string;

  /**
   * Whether the body tells clients that retrying the same request may succeed.
   *
   * @default - the construct's default for this type
   */
  readonly retryable?: boolean;

  /**
   * Extra or replaced response headers: name to mapping expression.
   *
   * A literal value must be in single quotes (`"'value'"`); other legal values are
   * `method.request.header.NAME`, `method.request.querystring.NAME`,
   * `method.request.path.NAME` and `stageVariables.NAME`.
   *
   * @default - no extra headers
   */
  readonly responseHeaders?: { [name: string]: string };

  /**
   * Body templates by content type, replacing the construct's JSON body entirely.
   *
   * Gateway response templates support simple `$context` variable substitution only (no VTL).
   * An `application/json` template must stay valid JSON whatever the substituted values hold.
   *
   * @default - the construct's JSON error body
   */
  readonly templates?: { [contentType: string]: string };
}

/**
 * What one gateway response type returns: the construct's default for it.
 */
export interface ErrorResponseDefault {
  /** The gateway response type, for example `INTEGRATION_TIMEOUT`. */
  readonly responseType: string;
  /** The status code the construct sets, or undefined for the DEFAULT_4XX and DEFAULT_5XX fallbacks. */
  readonly statusCode?: string;
  /** Whether a retry of the same request may succeed. */
  readonly retryable: boolean;
  /** Why this status and retry advice. */
  readonly rationale: string;
}

/** The fallback types: customised for their body and headers, never for their status by default. */
export const FALLBACK_RESPONSE_TYPES = ['DEFAULT_4XX', 'DEFAULT_5XX'];

/**
 * The error contract's defaults, one entry per gateway response type.
 *
 * Every specific type gets an explicit status: a customised type without one falls back to its
 * documented default (504 for INTEGRATION_FAILURE, documented but not observed), which is a trap.
 */
export const ERROR_RESPONSE_DEFAULTS: ErrorResponseDefault[] = [
  { responseType: 'INTEGRATION_TIMEOUT', statusCode: '504', retryable: true, rationale: 'the function did not answer within the integration timeout; a later try may be faster' },
  { responseType: 'INTEGRATION_FAILURE', statusCode: '502', retryable: false, rationale: 'the function threw, answered malformed or cannot be called as configured; only a Lambda throttle would clear, and the body cannot tell it apart' },
  { responseType: 'API_CONFIGURATION_ERROR', statusCode: '500', retryable: false, rationale: 'the API is misconfigured (for example a missing invoke permission); retrying cannot help' },
  { responseType: 'THROTTLED', statusCode: '429', retryable: true, rationale: 'the stage or usage plan rate limit was hit; retry after Retry-After' },
  { responseType: 'QUOTA_EXCEEDED', statusCode: '429', retryable: false, rationale: 'the usage plan quota is used up until its period ends' },
  { responseType: 'AUTHORIZER_FAILURE', statusCode: '500', retryable: true, rationale: 'the authorizer failed to answer; it may answer next time' },
  { responseType: 'AUTHORIZER_CONFIGURATION_ERROR', statusCode: '500', retryable: false, rationale: 'the authorizer is misconfigured' },
  { responseType: 'ACCESS_DENIED', statusCode: '403', retryable: false, rationale: 'an authorizer or resource policy denied the call' },
  { responseType: 'UNAUTHORIZED', statusCode: '401', retryable: false, rationale: 'the caller is not authenticated' },
  { responseType: 'EXPIRED_TOKEN', statusCode: '403', retryable: false, rationale: 'the token expired; refresh it before retrying' },
  { responseType: 'INVALID_SIGNATURE', statusCode: '403', retryable: false, rationale: 'the request signature is wrong' },
  { responseType: 'INVALID_API_KEY', statusCode: '403', retryable: false, rationale: 'the API key is missing or wrong' },
  { responseType: 'MISSING_AUTHENTICATION_TOKEN', statusCode: '403', retryable: false, rationale: 'no such route, or no credentials for an IAM-protected route' },
  { responseType: 'WAF_FILTERED', statusCode: '403', retryable: false, rationale: 'AWS WAF blocked the request' },
  { responseType: 'RESOURCE_NOT_FOUND', statusCode: '404', retryable: false, rationale: 'the resource does not exist' },
  { responseType: 'BAD_REQUEST_PARAMETERS', statusCode: '400', retryable: false, rationale: 'required request parameters are missing or invalid' },
  { responseType: 'BAD_REQUEST_BODY', statusCode: '400', retryable: false, rationale: 'the body does not match the request model' },
  { responseType: 'REQUEST_TOO_LARGE', statusCode: '413', retryable: false, rationale: 'the request is larger than API Gateway accepts' },
  { responseType: 'UNSUPPORTED_MEDIA_TYPE', statusCode: '415', retryable: false, rationale: 'the content type is not supported' },
  { responseType: 'DEFAULT_4XX', retryable: false, rationale: 'fallback for a 4XX type not listed here (new types AWS may add)' },
  { responseType: 'DEFAULT_5XX', retryable: true, rationale: 'fallback for a 5XX type not listed here (new types AWS may add)' },
];

/**
 * Everything the construct needs to render the gateway responses.
 */
export interface ErrorResponseSettings {
  /** Seconds in the `Retry-After` header of THROTTLED responses; undefined for none. */
  readonly throttledRetryAfterSeconds?: number;
  /** Headers added to every error response (CORS), name to mapping expression. */
  readonly commonHeaders?: { [name: string]: string };
  /** The user's overrides, at most one per type. */
  readonly overrides?: ErrorResponseOverride[];
}

/**
 * One gateway response, ready for `RestApi.addGatewayResponse`.
 */
export interface RenderedErrorResponse {
  /** The gateway response type. */
  readonly responseType: string;
  /** The status code, if any. */
  readonly statusCode?: string;
  /** Header name to mapping expression. */
  readonly responseHeaders: { [name: string]: string };
  /** Content type to body template. */
  readonly templates: { [contentType: string]: string };
}

/** The content type of the construct's error bodies. */
export const JSON_CONTENT_TYPE = 'application/json';

/**
 * Substitutes `$context`, `$stageVariables`, `$util` and `$input` variables in a gateway response
 * template in one pass, as API Gateway's simple substitution does (no VTL). A variable missing
 * from `values` becomes `fallback` (by default the empty string, as API Gateway leaves it).
 */
export function substituteVariables(template: string, values: { [variable: string]: string }, fallback: (variable: string) => string = () => ''): string {
  return template.replace(/\$(?:context|stageVariables|util|input)(?:\.[A-Za-z0-9_]+)+/g, (match) => {
    const name = match.slice(1);
    return name in values ? values[name] : fallback(name);
  });
}

/**
 * Encodes a string as a JSON string literal that template engines leave alone, the gateway's `$`
 * substitution and VTL's `#` directives alike: `$` and `#` become the JSON escapes `\u0024` and
 * `\u0023`, which JSON parsers turn back into the characters.
 */
export function jsonLiteralForTemplate(value: string): string {
  return JSON.stringify(value).replace(/\$/g, '\\u0024').replace(/#/g, '\\u0023');
}

/**
 * The construct's JSON error body for one response type. Keys, in order: `message` (as in AWS's
 * own body, so existing clients keep working), `type`, `status`, `retryable`, `requestId`.
 *
 * `$context.error.messageString` is already a quoted JSON string; the other substituted values
 * are an enum name and the request id API Gateway generates, safe inside quotes. The fallbacks
 * cannot know the status of the type that fell through (templates are not VTL), so theirs is `null`.
 */
export function renderErrorBody(responseType: string, statusCode: string | undefined, retryable: boolean, message?: string): string {
  const isFallback = FALLBACK_RESPONSE_TYPES.includes(responseType);
  const messageValue = message === undefined ? '$context.error.messageString' : jsonLiteralForTemplate(message);
  const typeValue = isFallback ? '"$context.error.responseType"' : JSON.stringify(responseType);
  const statusValue = statusCode === undefined ? 'null' : String(Number(statusCode));
  return errorBodyTemplate(messageValue, typeValue, statusValue, retryable);
}

/**
 * The one JSON error shape, shared by gateway responses and the integration responses of error
 * mappings. `message`, `type` and `status` are JSON expressions as the template must hold them
 * (literals or substituted variables). `requestId` holds `$context.extendedRequestId`, which API
 * Gateway always generates: `$context.requestId` can be set by the client, so the body would
 * carry (and, unescaped, be broken by) a value of the client's choosing.
 */
export function errorBodyTemplate(message: string, type: string, status: string, retryable: boolean): string {
  const values: { [field: string]: string } = { message, type, status, retryable: String(retryable), requestId: '"$context.extendedRequestId"' };
  return `{${ERROR_BODY_FIELDS.map((f) => `"${f.name}":${values[f.name]}`).join(',')}}`;
}

/**
 * Renders every gateway response of the error contract from the defaults and the user's settings.
 */
export function renderErrorResponses(settings: ErrorResponseSettings = {}): RenderedErrorResponse[] {
  const overrides = new Map((settings.overrides ?? []).map((o) => [o.type.responseType, o]));
  const known = new Set(ERROR_RESPONSE_DEFAULTS.map((d) => d.responseType));
  const extra: ErrorResponseDefault[] = [...overrides.keys()]
    .filter((type) => !known.has(type))
    .map((type) => ({ responseType: type, retryable: false, rationale: 'added by the user' }));

  return [...ERROR_RESPONSE_DEFAULTS, ...extra].map((def) => {
    const override = overrides.get(def.responseType);
    const statusCode = override?.statusCode ?? def.statusCode;
    const retryable = override?.retryable ?? def.retryable;
    const headers: { [name: string]: string } = { 'Cache-Control': "'no-store'", ...settings.commonHeaders };
    if (def.responseType === 'THROTTLED' && settings.throttledRetryAfterSeconds !== undefined) {
      headers['Retry-After'] = `'${settings.throttledRetryAfterSeconds}'`;
    }
    return {
      responseType: def.responseType,
      statusCode,
      responseHeaders: { ...headers, ...override?.responseHeaders },
      templates: override?.templates ?? { [JSON_CONTENT_TYPE]: renderErrorBody(def.responseType, statusCode, retryable, override?.message) },
    };
  });
}

/**
 * CORS headers for error responses, from the API's preflight options, so that a browser sees the
 * real status of a failed call instead of a CORS error.
 *
 * With several allowed origins the response echoes the caller's `Origin` header (the only way a
 * gateway response can serve several origins) and says `Vary: Origin`. The echo cannot check the
 * origin against the list, so it never comes with `Access-Control-Allow-Credentials`: any website
 * could otherwise read error responses with the user's cookies. Error bodies hold no secret, so
 * uncredentialed callers may read them from any origin.
 */
export function corsHeadersForErrors(cors?: apigateway.CorsOptions): { [name: string]: string } {
  if (!cors) {
    return {};
  }
  const origins = cors.allowOrigins;
  const echo = origins.length > 1;
  const headers: { [name: string]: string } = {};
  if (echo) {
    headers['Access-Control-Allow-Origin'] = 'method.request.header.Origin';
    headers.Vary = "'Origin'";
  } else {
    headers['Access-Control-Allow-Origin'] = `'${origins[0]}'`;
    if (origins[0] !== '*') {
      headers.Vary = "'Origin'";
    }
  }
  if (cors.allowCredentials && !echo) {
    headers['Access-Control-Allow-Credentials'] = "'true'";
  }
  if (cors.exposeHeaders && cors.exposeHeaders.length > 0) {
    headers['Access-Control-Expose-Headers'] = `'${cors.exposeHeaders.join(',')}'`;
  }
  return headers;
}
