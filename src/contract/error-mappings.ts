import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ERROR_RESPONSE_DEFAULTS, errorBodyTemplate, JSON_CONTENT_TYPE, jsonLiteralForTemplate } from './error-responses';

/**
 * Options of one Lambda error mapping.
 */
export interface LambdaErrorMappingOptions {
  /**
   * The `type` in the JSON error body, which clients switch on.
   *
   * @default - `prefix`: the prefix name; `jsonField`: the field's value; `pattern`: 'FUNCTION_ERROR'
   */
  readonly type?: string;

  /**
   * Whether the body tells clients that retrying the same request may succeed.
   *
   * @default - true for status 429, 502, 503 and 504; false otherwise
   */
  readonly retryable?: boolean;

  /**
   * A fixed message that replaces the error's own message in the body, for errors whose message
   * is not meant for clients.
   *
   * @default - the error's own message: after the prefix for `prefix`, the object's `message` field
   * for `jsonField`, the whole `errorMessage` for `pattern`
   */
  readonly message?: string;
}

/** The status of a successful invocation: the integration response without a selection pattern. */
export const SUCCESS_STATUS = '200';

/** The default status of a function error that no mapping matches. */
export const DEFAULT_UNMATCHED_STATUS = '502';

/** The body message of unmatched function errors: AWS's own, so that no internal detail leaks. */
export const UNMATCHED_ERROR_MESSAGE = 'Internal server error';

/** The body type of unmatched function errors: the one a proxy integration reports for them. */
export const UNMATCHED_ERROR_TYPE = 'INTEGRATION_FAILURE';

/** Status codes whose errors are retryable unless a mapping says otherwise. */
const RETRYABLE_STATUS_CODES = ['429', '502', '503', '504'];

/** What a prefix name or a JSON field name and value may hold: no regex or JSON escaping needed. */
const PLAIN_NAME = /^[A-Za-z0-9_.:-]+$/;

/**
 * Maps a function error of a custom (non-proxy) Lambda integration to an HTTP status and a JSON
 * error body.
 *
 * API Gateway matches `selectionPattern`, a Java regular expression, against the whole
 * `errorMessage` of a function error (a handler that threw). A successful invocation is never an
 * error, even when its result holds an `errorMessage` field.
 */
export class LambdaErrorMapping {
  /**
   * Errors whose message starts with `[name]`, for example `throw new Error('[NotFound] no order 42')`.
   *
   * The body's message is the rest of the error message, trimmed.
   *
   * @param name letters, digits, `_`, `-`, `.` or `:`, for example `NotFound`
   * @param statusCode the HTTP status code, for example '404'
   */
  public static prefix(name: string, statusCode: string, options: LambdaErrorMappingOptions = {}): LambdaErrorMapping {
    assertPlainName('LambdaErrorMapping.prefix', 'name', name);
    const prefix = `[${name}]`;
    const message = `$util.escapeJavaScript($errorMessage.substring(${prefix.length}).trim())${UNESCAPE_SINGLE_QUOTES}`;
    return new LambdaErrorMapping(`${escapeRegex(prefix)}${ANYTHING}`, statusCode, options.type ?? name, options,
      `#set($errorMessage = $input.path('$.errorMessage'))\n#set($message = ${message})\n`, '"$message"');
  }

  /**
   * Errors whose message is a JSON object with `field` set to `value`, for example
   * `throw new Error(JSON.stringify({ errorType: 'NotFound', message: 'no order 42' }))`.
   *
   * The body's message is the object's `message` field (the type when it has none). The pattern
   * allows whitespace around the colon, so Python's `json.dumps` output matches too.
   *
   * @param field the field name, for example 'errorType' (letters, digits, `_`, `-`, `.` or `:`)
   * @param value the string value that selects this mapping, for example 'NotFound' (same characters)
   * @param statusCode the HTTP status code, for example '404'
   */
  public static jsonField(field: string, value: string, statusCode: string, options: LambdaErrorMappingOptions = {}): LambdaErrorMapping {
    assertPlainName('LambdaErrorMapping.jsonField', 'field', field);
    assertPlainName('LambdaErrorMapping.jsonField', 'value', value);
    const type = options.type ?? value;
    const pattern = `\\s*\\{${ANYTHING}"${escapeRegex(field)}"\\s*:\\s*"${escapeRegex(value)}"${ANYTHING}\\}\\s*`;
    // `"$!error.message"` turns a missing field into "" and any other value into a string.
    const setup = '#set($error = $util.parseJson($input.path(\'$.errorMessage\')))\n#set($text = "$!error.message")\n';
    const message = `#if($text != "")"$util.escapeJavaScript($text)${UNESCAPE_SINGLE_QUOTES}"#{else}${jsonLiteralForTemplate(type)}#end`;
    return new LambdaErrorMapping(pattern, statusCode, type, options, setup, message);
  }

  /**
   * Errors whose whole `errorMessage` matches a regular expression of your own.
   *
   * Java's `.` does not match a line break: use `[\s\S]*` for "anything". The pattern must be valid
   * in both Java (which API Gateway uses) and JavaScript (which the synth-time check uses).
   *
   * @param selectionPattern the regular expression, matched against the whole error message
   * @param statusCode the HTTP status code, for example '409'
   */
  public static pattern(selectionPattern: string, statusCode: string, options: LambdaErrorMappingOptions = {}): LambdaErrorMapping {
    return new LambdaErrorMapping(selectionPattern, statusCode, options.type ?? 'FUNCTION_ERROR', options,
      `#set($message = $util.escapeJavaScript($input.path('$.errorMessage'))${UNESCAPE_SINGLE_QUOTES})\n`, '"$message"');
  }

  /**
   * The function ran past its own timeout (`Task timed out after N seconds`), which a custom
   * integration receives as a function error. Retryable, with a fixed message.
   *
   * It only applies when the function's timeout is shorter than the integration timeout; otherwise
   * API Gateway gives up first and answers with its INTEGRATION_TIMEOUT gateway response.
   *
   * @param statusCode the HTTP status code, '504' when left out
   */
  public static functionTimeout(statusCode: string = '504'): LambdaErrorMapping {
    return LambdaErrorMapping.pattern(`${ANYTHING}Task timed out after${ANYTHING}`, statusCode, {
      type: 'FUNCTION_TIMEOUT',
      retryable: true,
      message: 'The function timed out',
    });
  }

  /** The Java regular expression matched against the whole `errorMessage` of a function error. */
  public readonly selectionPattern: string;

  /** The HTTP status code of the response. */
  public readonly statusCode: string;

  /** The `type` in the JSON error body. */
  public readonly type: string;

  /** Whether the body tells clients that retrying may succeed. */
  public readonly retryable: boolean;

  /** The VTL mapping template that renders the JSON error body. */
  public readonly responseTemplate: string;

  private constructor(
    selectionPattern: string, statusCode: string, type: string, options: LambdaErrorMappingOptions,
    setup: string, message: string,
  ) {
    this.selectionPattern = selectionPattern;
    this.statusCode = statusCode;
    this.type = type;
    this.retryable = options.retryable ?? RETRYABLE_STATUS_CODES.includes(statusCode);
    this.responseTemplate = options.message === undefined
      ? setup + errorBody(message, type, statusCode, this.retryable)
      : errorBody(jsonLiteralForTemplate(options.message), type, statusCode, this.retryable);
  }
}

/** Matches anything, line breaks included (Java's `.` stops at them). */
const ANYTHING = '[\\s\\S]*';

/**
 * `$util.escapeJavaScript` escapes `'` as `\'`, which is not valid JSON; AWS documents this fix.
 * Java's `replaceAll` takes a regex: `\\'` is a backslash followed by a quote.
 */
const UNESCAPE_SINGLE_QUOTES = '.replaceAll("\\\\\'", "\'")';

function assertPlainName(factory: string, argument: string, value: string): void {
  if (!PLAIN_NAME.test(value)) {
    throw new Error(`${factory}: ${argument} must be letters, digits, '_', '-', '.' or ':'; got '${value}'`);
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}-]/g, '\\$&');
}

/** The error body of a mapped error: the gateway responses' shape. */
function errorBody(messageJson: string, type: string, statusCode: string, retryable: boolean): string {
  const status = /^[1-5][0-9]{2}$/.test(statusCode) ? String(Number(statusCode)) : 'null';
  return errorBodyTemplate(messageJson, jsonLiteralForTemplate(type), status, retryable);
}

/**
 * The selection pattern of the integration response for unmatched function errors.
 *
 * API Gateway does not document in which order it tries selection patterns, so this pattern must
 * not match any message that a mapping matches: a negative lookahead excludes every message that a
 * mapping's pattern matches whole (`\z` is Java's end of input). It needs at least one character:
 * AWS's own advice (`.+` for errors when success returns nothing) suggests a successful invocation
 * is matched as an empty string.
 */
export function unmatchedSelectionPattern(mappings: LambdaErrorMapping[]): string {
  if (mappings.length === 0) {
    return '[\\s\\S]+';
  }
  return `(?!${mappings.map((m) => `(?:${m.selectionPattern})\\z`).join('|')})[\\s\\S]+`;
}

/** The body template of unmatched function errors: fixed, no detail of the error leaks. */
export function unmatchedResponseTemplate(statusCode: string): string {
  const retryable = ERROR_RESPONSE_DEFAULTS.find((d) => d.responseType === UNMATCHED_ERROR_TYPE)?.retryable ?? true;
  return errorBody(jsonLiteralForTemplate(UNMATCHED_ERROR_MESSAGE), UNMATCHED_ERROR_TYPE, statusCode, retryable);
}

/** Headers sent with every error response, like the gateway responses' `Cache-Control`. */
const ERROR_HEADERS = { 'Cache-Control': "'no-store'" };

function responseParameters(headers: { [name: string]: string }): { responseParameters?: { [destination: string]: string } } {
  const entries = Object.entries(headers);
  if (entries.length === 0) {
    return {};
  }
  return { responseParameters: Object.fromEntries(entries.map(([name, value]) => [`method.response.header.${name}`, value])) };
}

/**
 * The integration responses of a custom Lambda integration: the successful result passed through
 * unchanged (no selection pattern, no template), one response per mapping, and one for any other
 * function error.
 *
 * @param responseHeaders headers for every response (CORS), name to mapping expression; error
 * responses also get `Cache-Control: no-store`
 */
export function renderIntegrationResponses(
  mappings: LambdaErrorMapping[],
  unmatchedStatus: string = DEFAULT_UNMATCHED_STATUS,
  responseHeaders: { [name: string]: string } = {},
): apigateway.IntegrationResponse[] {
  const errorHeaders = { ...ERROR_HEADERS, ...responseHeaders };
  return [
    // No template: API Gateway passes the body through as the function returned it, byte for byte.
    { statusCode: SUCCESS_STATUS, ...responseParameters(responseHeaders) },
    ...mappings.map((m) => ({
      statusCode: m.statusCode,
      selectionPattern: m.selectionPattern,
      responseTemplates: { [JSON_CONTENT_TYPE]: m.responseTemplate },
      ...responseParameters(errorHeaders),
    })),
    {
      statusCode: unmatchedStatus,
      selectionPattern: unmatchedSelectionPattern(mappings),
      responseTemplates: { [JSON_CONTENT_TYPE]: unmatchedResponseTemplate(unmatchedStatus) },
      ...responseParameters(errorHeaders),
    },
  ];
}

/**
 * The method responses that the integration responses need: one per status code, declaring the
 * headers they set.
 */
export function renderMethodResponses(
  mappings: LambdaErrorMapping[],
  unmatchedStatus: string = DEFAULT_UNMATCHED_STATUS,
  responseHeaders: { [name: string]: string } = {},
): apigateway.MethodResponse[] {
  const declare = (headers: { [name: string]: string }) => {
    const names = Object.keys(headers);
    return names.length === 0 ? {} : { responseParameters: Object.fromEntries(names.map((n) => [`method.response.header.${n}`, true])) };
  };
  const errorHeaders = { ...ERROR_HEADERS, ...responseHeaders };
  const statuses = [...new Set([...mappings.map((m) => m.statusCode), unmatchedStatus])].filter((s) => s !== SUCCESS_STATUS);
  return [
    { statusCode: SUCCESS_STATUS, ...declare(responseHeaders) },
    ...statuses.map((statusCode) => ({ statusCode, ...declare(errorHeaders) })),
  ];
}
