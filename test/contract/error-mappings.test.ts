import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { render } from 'velocityjs';
import {
  LambdaErrorMapping,
  renderIntegrationResponses,
  renderMethodResponses,
  unmatchedSelectionPattern,
} from '../../src/contract/error-mappings';

// ---------------------------------------------------------------------------------------------
// An emulation of what API Gateway does with a function error, close enough to test against:
// selection patterns as Java's String.matches, and the VTL helpers of integration responses.
// ---------------------------------------------------------------------------------------------

/** Java's `String.matches`: the whole text. Java's `\z` (end of input) is JavaScript's `$` without the m flag. */
function javaMatches(pattern: string, text: string): boolean {
  return new RegExp(`^(?:${pattern.replace(/\\z/g, '$')})$`).test(text);
}

/** A Java string as VTL sees it: `replaceAll` takes a regex, unlike JavaScript's. */
class JavaString {
  constructor(private readonly value: string) {}
  public replaceAll(regex: string, replacement: string): JavaString {
    if (/[$\\]/.test(replacement)) {
      throw new Error('replacement groups are not emulated');
    }
    return new JavaString(this.value.replace(new RegExp(regex, 'g'), () => replacement));
  }
  public toString(): string {
    return this.value;
  }
}

/**
 * `$util.escapeJavaScript` as Apache Commons Lang's `StringEscapeUtils.escapeJavaScript`: quotes
 * (single ones as `\'`), backslash and `/` escaped, control characters as `\n` or `\u00XX`, and
 * everything beyond ASCII as `\uXXXX` (UTF-16 units).
 */
function escapeJavaScript(input: unknown): JavaString {
  const text = String(input);
  const named: { [c: string]: string } = { '\b': '\\b', '\n': '\\n', '\t': '\\t', '\f': '\\f', '\r': '\\r', "'": "\\'", '"': '\\"', '\\': '\\\\', '/': '\\/' };
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (named[ch]) {
      out += named[ch];
    } else if (code < 32 || code > 0x7e) {
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    } else {
      out += ch;
    }
  }
  return new JavaString(out);
}

const REQUEST_ID = 'c0ffee-1234';

/** Renders an integration response template for a Lambda error payload. */
function renderTemplate(template: string, errorMessage: string): string {
  const payload = { errorMessage, errorType: 'Error', stackTrace: ['at handler (index.js:1:1)'] };
  return render(template, {
    input: {
      path: (expression: string) => (expression === '$.errorMessage' ? errorMessage : expression === '$' ? payload : undefined),
    },
    util: { escapeJavaScript, parseJson: (json: unknown) => JSON.parse(String(json)) },
    // A client may set requestId; the body must carry the id API Gateway generates.
    context: { requestId: 'x","type":"FORGED', extendedRequestId: REQUEST_ID },
  });
}

/** Which integration responses a function error with this message selects. */
function selectedStatuses(responses: apigateway.IntegrationResponse[], errorMessage: string): string[] {
  return responses.filter((r) => r.selectionPattern !== undefined && javaMatches(r.selectionPattern, errorMessage)).map((r) => r.statusCode);
}

/** For each message, which patterns `java.util.regex.Pattern.matches` says match it ('0'/'1' per pattern). */
function javaSelections(patterns: string[], messages: string[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'error-mappings-'));
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  fs.writeFileSync(path.join(dir, 'input.txt'), [patterns.length, ...patterns.map(b64), ...messages.map(b64)].join('\n'));
  fs.writeFileSync(path.join(dir, 'Select.java'), [
    'import java.nio.file.*; import java.util.*; import java.util.regex.*;',
    'public class Select { public static void main(String[] args) throws Exception {',
    '  List<String> lines = Files.readAllLines(Paths.get(args[0])); int n = Integer.parseInt(lines.get(0));',
    '  java.util.function.Function<String, String> d = (s) -> new String(Base64.getDecoder().decode(s), java.nio.charset.StandardCharsets.UTF_8);',
    '  for (int m = n + 1; m < lines.size(); m++) { StringBuilder out = new StringBuilder(); String message = d.apply(lines.get(m));',
    '    for (int p = 1; p <= n; p++) out.append(Pattern.matches(d.apply(lines.get(p)), message) ? "1" : "0");',
    '    System.out.println(out); } } }',
  ].join('\n'));
  try {
    return execFileSync('java', [path.join(dir, 'Select.java'), path.join(dir, 'input.txt')], { encoding: 'utf8' }).trim().split('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Python's `json.dumps`: a space after `:` and `,`, everything beyond ASCII escaped. */
function pythonJsonDumps(value: { [key: string]: unknown }): string {
  const ascii = (v: unknown) => JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `{${Object.entries(value).map(([k, v]) => `${ascii(k)}: ${ascii(v)}`).join(', ')}}`;
}

/** Messages that break naive templates: quotes, backslashes, line breaks, unicode, VTL syntax. */
const HOSTILE_MESSAGES = [
  'plain message',
  'double "quoted" text',
  "single 'quoted' text, it's",
  'backslash \\ and backslash-quote \\\' and \\"',
  'line\nbreak and\r\ncarriage return\tand tab',
  'unicode \u00e9 \u4e2d\u6587 \u{1F600} line separator \u2028 end',
  'velocity $context.requestId ${x} $!y #set($a = 1) #if(true)x#end ## comment #* block *#',
  'json-looking {"errorType":"NotFound"} and </script>',
  'control \u0000 \u0007 \u001f chars',
];

// ---------------------------------------------------------------------------------------------

describe('LambdaErrorMapping factories', () => {
  test.each([
    ['prefix', LambdaErrorMapping.prefix('NotFound', '404'), '\\[NotFound\\][\\s\\S]*', '404', 'NotFound', false],
    ['prefix with options', LambdaErrorMapping.prefix('Busy', '503', { type: 'SERVICE_BUSY' }), '\\[Busy\\][\\s\\S]*', '503', 'SERVICE_BUSY', true],
    ['prefix with dots', LambdaErrorMapping.prefix('order.gone', '410'), '\\[order\\.gone\\][\\s\\S]*', '410', 'order.gone', false],
    ['jsonField', LambdaErrorMapping.jsonField('errorType', 'NotFound', '404'),
      '\\s*\\{[\\s\\S]*"errorType"\\s*:\\s*"NotFound"[\\s\\S]*\\}\\s*', '404', 'NotFound', false],
    ['pattern', LambdaErrorMapping.pattern('Conflict:[\\s\\S]*', '409'), 'Conflict:[\\s\\S]*', '409', 'FUNCTION_ERROR', false],
    ['pattern retryable override', LambdaErrorMapping.pattern('Locked[\\s\\S]*', '423', { retryable: true }), 'Locked[\\s\\S]*', '423', 'FUNCTION_ERROR', true],
    ['functionTimeout', LambdaErrorMapping.functionTimeout(), '[\\s\\S]*Task timed out after[\\s\\S]*', '504', 'FUNCTION_TIMEOUT', true],
  ])('%s', (_name, mapping, selectionPattern, statusCode, type, retryable) => {
    expect(mapping.selectionPattern).toBe(selectionPattern);
    expect(mapping.statusCode).toBe(statusCode);
    expect(mapping.type).toBe(type);
    expect(mapping.retryable).toBe(retryable);
  });

  test.each([
    ['prefix name with a bracket', () => LambdaErrorMapping.prefix('Not]Found', '404'), /LambdaErrorMapping.prefix: name must be/],
    ['empty prefix name', () => LambdaErrorMapping.prefix('', '404'), /got ''/],
    ['jsonField field with a quote', () => LambdaErrorMapping.jsonField('error"Type', 'X', '400'), /jsonField: field must be/],
    ['jsonField value with a space', () => LambdaErrorMapping.jsonField('errorType', 'Not Found', '400'), /jsonField: value must be/],
  ])('rejects a %s', (_name, make, message) => {
    expect(make).toThrow(message);
  });
});

describe('selection: which integration response a function error gets', () => {
  const mappings = [
    LambdaErrorMapping.prefix('NotFound', '404'),
    LambdaErrorMapping.jsonField('errorType', 'Conflict', '409'),
    LambdaErrorMapping.pattern('Invalid input:[\\s\\S]*', '400'),
    LambdaErrorMapping.functionTimeout(),
  ];
  const responses = renderIntegrationResponses(mappings);

  const cases: [string, string[]][] = [
    ['[NotFound] order 42', ['404']],
    ['[NotFound] multi\nline\nmessage', ['404']],
    ['[NotFound]', ['404']],
    ['{"errorType":"Conflict","message":"version 3 is stale"}', ['409']],
    ['{"errorType": "Conflict", "message": "python style"}', ['409']],
    ['{"errorType":"Conflicting","message":"other value"}', ['502']],
    ['Invalid input: name is required', ['400']],
    ['2026-11-23T10:00:00.000Z 6f1e Task timed out after 3.00 seconds', ['504']],
    ['Cannot read properties of undefined', ['502']],
    ['x [NotFound] not at the start', ['502']],
    ['[Notfound] wrong case', ['502']],
    ['line one\nline two', ['502']],
    ['\n', ['502']],
  ];

  test.each(cases)('%j -> %j (exactly one response, whatever the evaluation order)', (errorMessage, statuses) => {
    expect(selectedStatuses(responses, errorMessage)).toEqual(statuses);
  });

  test.each(HOSTILE_MESSAGES)('hostile message %j selects exactly one response', (message) => {
    expect(selectedStatuses(responses, `[NotFound] ${message}`)).toEqual(['404']);
    expect(selectedStatuses(responses, JSON.stringify({ errorType: 'Conflict', message }))).toEqual(['409']);
    expect(selectedStatuses(responses, message)).toEqual(['502']);
  });

  test('java.util.regex agrees with the emulation, hostile messages included', () => {
    const messages = [
      ...cases.map(([message]) => message),
      '',
      ...HOSTILE_MESSAGES.flatMap((m) => [`[NotFound] ${m}`, JSON.stringify({ errorType: 'Conflict', message: m }), m, `${m}\n`]),
    ];
    // The mappings' patterns, then a '.*' mapping with its unmatched pattern ('$' would fail on 'a\n', `\z` does not).
    const overlapping = renderIntegrationResponses([LambdaErrorMapping.pattern('.*', '400')]);
    const patterns = [...responses, ...overlapping].filter((r) => r.selectionPattern !== undefined).map((r) => r.selectionPattern!);
    const emulated = messages.map((m) => patterns.map((p) => (javaMatches(p, m) ? '1' : '0')).join(''));
    expect(javaSelections(patterns, messages)).toEqual(emulated);
  }, 60_000);

  test('an empty error message selects nothing (it cannot be told from a successful result)', () => {
    expect(selectedStatuses(responses, '')).toEqual([]);
  });

  test('the unmatched pattern excludes each mapping whole, even when one overlaps it', () => {
    expect(unmatchedSelectionPattern([])).toBe('[\\s\\S]+');
    expect(unmatchedSelectionPattern([LambdaErrorMapping.pattern('a|b', '400'), LambdaErrorMapping.pattern('c.*', '401')]))
      .toBe('(?!(?:a|b)\\z|(?:c.*)\\z)[\\s\\S]+');
    const overlapping = renderIntegrationResponses([LambdaErrorMapping.pattern('.*', '400')]);
    expect(selectedStatuses(overlapping, 'anything')).toEqual(['400']);
    // Java's `.` stops at a line break, so the mapping does not match and the unmatched one does.
    expect(selectedStatuses(overlapping, 'two\nlines')).toEqual(['502']);
  });
});

describe('renderIntegrationResponses', () => {
  test('success passthrough first, then each mapping, then unmatched errors', () => {
    const notFound = LambdaErrorMapping.prefix('NotFound', '404');
    expect(renderIntegrationResponses([notFound])).toEqual([
      { statusCode: '200' },
      {
        statusCode: '404',
        selectionPattern: '\\[NotFound\\][\\s\\S]*',
        responseTemplates: { 'application/json': notFound.responseTemplate },
        responseParameters: { 'method.response.header.Cache-Control': "'no-store'" },
      },
      {
        statusCode: '502',
        selectionPattern: '(?!(?:\\[NotFound\\][\\s\\S]*)\\z)[\\s\\S]+',
        responseTemplates: {
          'application/json': '{"message":"Internal server error","type":"INTEGRATION_FAILURE","status":502,"retryable":false,"requestId":"$context.extendedRequestId"}',
        },
        responseParameters: { 'method.response.header.Cache-Control': "'no-store'" },
      },
    ]);
  });

  test('the success response has no selection pattern and no template: the result passes through unchanged', () => {
    const [success] = renderIntegrationResponses([LambdaErrorMapping.prefix('NotFound', '404')]);
    expect(success.selectionPattern).toBeUndefined();
    expect(success.responseTemplates).toBeUndefined();
  });

  test('an unmatched status of your own, and headers on every response', () => {
    const responses = renderIntegrationResponses([], '500', { 'Access-Control-Allow-Origin': "'https://example.com'" });
    expect(responses.map((r) => r.statusCode)).toEqual(['200', '500']);
    expect(responses[0].responseParameters).toEqual({ 'method.response.header.Access-Control-Allow-Origin': "'https://example.com'" });
    expect(responses[1].responseParameters).toEqual({
      'method.response.header.Cache-Control': "'no-store'",
      'method.response.header.Access-Control-Allow-Origin': "'https://example.com'",
    });
    expect(JSON.parse(renderTemplate(responses[1].responseTemplates!['application/json'], 'x')).status).toBe(500);
  });
});

describe('renderMethodResponses', () => {
  test('one per status code, declaring the headers the integration responses set', () => {
    const mappings = [LambdaErrorMapping.prefix('NotFound', '404'), LambdaErrorMapping.pattern('Gone[\\s\\S]*', '410')];
    expect(renderMethodResponses(mappings)).toEqual([
      { statusCode: '200' },
      { statusCode: '404', responseParameters: { 'method.response.header.Cache-Control': true } },
      { statusCode: '410', responseParameters: { 'method.response.header.Cache-Control': true } },
      { statusCode: '502', responseParameters: { 'method.response.header.Cache-Control': true } },
    ]);
  });

  test('every integration response has its method response', () => {
    const mappings = [LambdaErrorMapping.prefix('NotFound', '404'), LambdaErrorMapping.functionTimeout()];
    const headers = { 'Access-Control-Allow-Origin': "'*'" };
    const methodResponses = renderMethodResponses(mappings, '502', headers);
    for (const integrationResponse of renderIntegrationResponses(mappings, '502', headers)) {
      const methodResponse = methodResponses.find((m) => m.statusCode === integrationResponse.statusCode);
      expect(methodResponse).toBeDefined();
      for (const destination of Object.keys(integrationResponse.responseParameters ?? {})) {
        expect(methodResponse!.responseParameters?.[destination]).toBe(true);
      }
    }
  });
});

describe('rendered templates are valid JSON for hostile messages', () => {
  test.each(HOSTILE_MESSAGES)('prefix: %j', (message) => {
    const mapping = LambdaErrorMapping.prefix('NotFound', '404');
    const body = JSON.parse(renderTemplate(mapping.responseTemplate, `[NotFound] ${message}`));
    expect(body).toEqual({ message, type: 'NotFound', status: 404, retryable: false, requestId: REQUEST_ID });
    expect(Object.keys(body)).toEqual(['message', 'type', 'status', 'retryable', 'requestId']);
  });

  test.each(HOSTILE_MESSAGES)('jsonField, JSON.stringify in Node.js: %j', (message) => {
    const mapping = LambdaErrorMapping.jsonField('errorType', 'NotFound', '404');
    const body = JSON.parse(renderTemplate(mapping.responseTemplate, JSON.stringify({ errorType: 'NotFound', message })));
    expect(body).toEqual({ message, type: 'NotFound', status: 404, retryable: false, requestId: REQUEST_ID });
  });

  test.each(HOSTILE_MESSAGES)('jsonField, json.dumps in Python: %j', (message) => {
    const mapping = LambdaErrorMapping.jsonField('errorType', 'NotFound', '404');
    const errorMessage = pythonJsonDumps({ errorType: 'NotFound', message });
    expect(javaMatches(mapping.selectionPattern, errorMessage)).toBe(true);
    expect(JSON.parse(renderTemplate(mapping.responseTemplate, errorMessage)).message).toBe(message);
  });

  test.each(HOSTILE_MESSAGES)('pattern, whole message: %j', (message) => {
    const mapping = LambdaErrorMapping.pattern('[\\s\\S]+', '400');
    const body = JSON.parse(renderTemplate(mapping.responseTemplate, message));
    expect(body).toEqual({ message, type: 'FUNCTION_ERROR', status: 400, retryable: false, requestId: REQUEST_ID });
  });

  test.each(HOSTILE_MESSAGES)('unmatched errors and fixed messages do not show the message: %j', (message) => {
    const unmatched = renderIntegrationResponses([])[1].responseTemplates!['application/json'];
    expect(JSON.parse(renderTemplate(unmatched, message)))
      .toEqual({ message: 'Internal server error', type: 'INTEGRATION_FAILURE', status: 502, retryable: false, requestId: REQUEST_ID });
    const timeout = LambdaErrorMapping.functionTimeout();
    expect(JSON.parse(renderTemplate(timeout.responseTemplate, message)))
      .toEqual({ message: 'The function timed out', type: 'FUNCTION_TIMEOUT', status: 504, retryable: true, requestId: REQUEST_ID });
  });

  test.each([
    ['a fixed message with VTL and JSON syntax', { message: 'Gone: "$x" #if ## \\ \'' }, 'Gone: "$x" #if ## \\ \''],
  ])('options.message: %s', (_name, options, expected) => {
    const mapping = LambdaErrorMapping.prefix('Gone', '410', { ...options, type: 'Gone $type #x "q"' });
    const body = JSON.parse(renderTemplate(mapping.responseTemplate, '[Gone] internal detail'));
    expect(body.message).toBe(expected);
    expect(body.type).toBe('Gone $type #x "q"');
  });

  test.each([
    ['no message field', '{"errorType":"NotFound","id":42}', 'NotFound'],
    ['an empty message', '{"errorType":"NotFound","message":""}', 'NotFound'],
    ['a number as message', '{"errorType":"NotFound","message":42}', '42'],
  ])('jsonField with %s', (_name, errorMessage, expected) => {
    const mapping = LambdaErrorMapping.jsonField('errorType', 'NotFound', '404');
    expect(JSON.parse(renderTemplate(mapping.responseTemplate, errorMessage)).message).toBe(expected);
  });

  test('the single-quote fix is needed: without it the body is not JSON', () => {
    const raw = `{"message":"${escapeJavaScript("it's").toString()}"}`;
    expect(() => JSON.parse(raw)).toThrow();
    const mapping = LambdaErrorMapping.pattern('[\\s\\S]+', '400');
    expect(mapping.responseTemplate).toContain('.replaceAll("\\\\\'", "\'")');
  });
});

describe('in a synthesized LambdaRestApi with a custom integration', () => {
  const mappings = [
    LambdaErrorMapping.prefix('NotFound', '404'),
    LambdaErrorMapping.jsonField('errorType', 'Conflict', '409'),
  ];
  const stack = new cdk.Stack();
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => { throw new Error("[NotFound] no such order"); };'),
  });
  const api = new apigateway.LambdaRestApi(stack, 'Api', {
    handler,
    proxy: false,
    integrationOptions: { proxy: false, integrationResponses: renderIntegrationResponses(mappings) },
    defaultMethodOptions: { methodResponses: renderMethodResponses(mappings) },
  });
  api.root.addResource('orders').addMethod('GET');
  const template = Template.fromStack(stack);
  const method = Object.values(template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'GET' } }))[0];

  test('the method uses a non-proxy Lambda integration', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: { Type: 'AWS', IntegrationHttpMethod: 'POST' },
    });
  });

  test('integration responses: success passthrough, each mapping, unmatched errors', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: {
        IntegrationResponses: [
          Match.objectEquals({ StatusCode: '200' }),
          {
            StatusCode: '404',
            SelectionPattern: '\\[NotFound\\][\\s\\S]*',
            ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"type":"NotFound","status":404') },
            ResponseParameters: { 'method.response.header.Cache-Control': "'no-store'" },
          },
          {
            StatusCode: '409',
            SelectionPattern: '\\s*\\{[\\s\\S]*"errorType"\\s*:\\s*"Conflict"[\\s\\S]*\\}\\s*',
            ResponseTemplates: { 'application/json': Match.stringLikeRegexp('\\$util\\.parseJson') },
          },
          {
            StatusCode: '502',
            SelectionPattern: '(?!(?:\\[NotFound\\][\\s\\S]*)\\z|(?:\\s*\\{[\\s\\S]*"errorType"\\s*:\\s*"Conflict"[\\s\\S]*\\}\\s*)\\z)[\\s\\S]+',
            ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"type":"INTEGRATION_FAILURE","status":502') },
          },
        ],
      },
    });
  });

  test('method responses for every status', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      MethodResponses: [
        Match.objectEquals({ StatusCode: '200' }),
        { StatusCode: '404', ResponseParameters: { 'method.response.header.Cache-Control': true } },
        { StatusCode: '409', ResponseParameters: { 'method.response.header.Cache-Control': true } },
        { StatusCode: '502', ResponseParameters: { 'method.response.header.Cache-Control': true } },
      ],
    });
  });

  test('the templates in the synthesized template render to valid JSON', () => {
    const responses = method.Properties.Integration.IntegrationResponses as { StatusCode: string; ResponseTemplates?: { [type: string]: string } }[];
    const byStatus = Object.fromEntries(responses.map((r) => [r.StatusCode, r.ResponseTemplates?.['application/json']]));
    expect(JSON.parse(renderTemplate(byStatus['404']!, "[NotFound] order \"42\" isn't here\n"))).toMatchObject({ message: 'order "42" isn\'t here', status: 404 });
    expect(JSON.parse(renderTemplate(byStatus['409']!, JSON.stringify({ errorType: 'Conflict', message: "it's stale" })))).toMatchObject({ message: "it's stale", status: 409 });
    expect(JSON.parse(renderTemplate(byStatus['502']!, 'boom'))).toMatchObject({ message: 'Internal server error', status: 502 });
  });
});
