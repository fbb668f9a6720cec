// Shared by the monitoring tests: a filter-pattern evaluator, sample access log lines and a built monitoring stack.
import * as cdk from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { renderAccessLogFormat } from '../../src/access-log-format';
import { MonitoringOptions, ResilientApiMonitoring, ResilientApiMonitoringProps } from '../../src/monitoring';
import { newHandler } from '../util';

// ---------------------------------------------------------------------------------------------
// A small evaluator for the subset of CloudWatch Logs JSON filter patterns this library uses:
// `{ $.a.b = "x" }`, `!=`, numeric `= != < <= > >=`, `&&`, `||`, parentheses, and `*` as a
// wildcard in string values. Conservative where CloudWatch is not documented: a numeric
// comparison matches only a JSON number, never a quoted one.
// ---------------------------------------------------------------------------------------------

type Token = { kind: 'sel' | 'op' | 'str' | 'num' | 'and' | 'or' | 'lp' | 'rp'; text: string };

function tokenize(pattern: string): Token[] {
  const body = pattern.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) {
    throw new Error(`not a JSON filter pattern: ${pattern}`);
  }
  const re = /\s*(?:(\$(?:\.[A-Za-z0-9_]+)+)|(!=|>=|<=|=|<|>)|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)|(&&)|(\|\|)|(\()|(\)))/y;
  const src = body.slice(1, -1).trim();
  const tokens: Token[] = [];
  re.lastIndex = 0;
  while (re.lastIndex < src.length) {
    const m = re.exec(src);
    if (!m) {
      throw new Error(`cannot parse '${src.slice(re.lastIndex)}' in ${pattern}`);
    }
    const [, sel, op, str, num, and, or, lp] = m;
    if (sel) tokens.push({ kind: 'sel', text: sel });
    else if (op) tokens.push({ kind: 'op', text: op });
    else if (str !== undefined) tokens.push({ kind: 'str', text: str });
    else if (num) tokens.push({ kind: 'num', text: num });
    else if (and) tokens.push({ kind: 'and', text: and });
    else if (or) tokens.push({ kind: 'or', text: or });
    else if (lp) tokens.push({ kind: 'lp', text: lp });
    else tokens.push({ kind: 'rp', text: ')' });
    if (src.slice(re.lastIndex).trim() === '') break;
  }
  return tokens;
}

export function select(event: unknown, selector: string): unknown {
  return selector.slice(2).split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), event);
}

function compare(value: unknown, op: string, operand: Token): boolean {
  if (operand.kind === 'str') {
    if (typeof value !== 'string' || !['=', '!='].includes(op)) return false;
    const re = new RegExp(`^${operand.text.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return op === '=' ? re.test(value) : !re.test(value);
  }
  if (typeof value !== 'number') return false;
  const n = Number(operand.text);
  switch (op) {
    case '=': return value === n;
    case '!=': return value !== n;
    case '<': return value < n;
    case '<=': return value <= n;
    case '>': return value > n;
    default: return value >= n;
  }
}

/** True when the JSON log line matches the filter pattern. */
export function matches(pattern: string, line: string): boolean {
  const tokens = tokenize(pattern);
  const event: unknown = JSON.parse(line);
  let i = 0;
  const expect = (kind: Token['kind']) => {
    const t = tokens[i++];
    if (!t || t.kind !== kind) throw new Error(`expected ${kind} at token ${i - 1} in ${pattern}`);
    return t;
  };
  const primary = (): boolean => {
    if (tokens[i]?.kind === 'lp') {
      i++;
      const v = or();
      expect('rp');
      return v;
    }
    const sel = expect('sel');
    const op = expect('op');
    const operand = tokens[i++];
    if (!operand || (operand.kind !== 'str' && operand.kind !== 'num')) throw new Error(`expected a value in ${pattern}`);
    return compare(select(event, sel.text), op.text, operand);
  };
  const and = (): boolean => {
    let v = primary();
    while (tokens[i]?.kind === 'and') {
      i++;
      v = primary() && v;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (tokens[i]?.kind === 'or') {
      i++;
      v = and() || v;
    }
    return v;
  };
  const result = or();
  if (i !== tokens.length) throw new Error(`trailing tokens in ${pattern}`);
  return result;
}


// ---------------------------------------------------------------------------------------------
// Sample access log lines, rendered from the library's own format.
// ---------------------------------------------------------------------------------------------

export const BASE: { [variable: string]: string } = {
  '$context.extendedRequestId': 'Ab1Cd2Ef3GhI=',
  '$context.requestTime': '23/Nov/2026:10:00:00 +0000',
  '$context.requestTimeEpoch': '1795428000000',
  '$context.apiId': 'a1b2c3d4e5',
  '$context.stage': 'prod',
  '$context.httpMethod': 'GET',
  '$context.resourcePath': '/orders/{id}',
  '$context.protocol': 'HTTP/1.1',
  '$context.identity.sourceIp': '203.0.113.7',
  '$context.status': '200',
  '$context.responseLength': '42',
  '$context.responseLatency': '35',
  '$context.error.responseType': '-',
  '$context.error.message': '-',
  '$context.integration.status': '200',
  '$context.integration.integrationStatus': '200',
  '$context.integration.error': '-',
  '$context.integrationErrorMessage': '-',
  '$context.integration.latency': '31',
  '$context.integration.requestId': '9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff',
  '$context.xrayTraceId': 'Root=1-00000000-000000000000000000000000',
};

/** A line as API Gateway would write it: the format with `$context` variables substituted. */
export function accessLogLine(values: { [variable: string]: string }): string {
  const all = { ...BASE, ...values };
  return renderAccessLogFormat().replace(/\$context(?:\.[A-Za-z]+)+/g, (v) => {
    if (!(v in all)) throw new Error(`no sample value for ${v}`);
    return all[v];
  });
}

export const SAMPLES: { [name: string]: string } = {
  'ok': accessLogLine({}),
  'function timeout': accessLogLine({
    '$context.status': '504',
    '$context.error.responseType': 'INTEGRATION_TIMEOUT',
    '$context.error.message': 'Endpoint request timed out',
    '$context.integration.latency': '29001',
    '$context.integration.status': '-',
    '$context.responseLatency': '29005',
  }),
  'function error': accessLogLine({
    '$context.status': '502',
    '$context.error.responseType': 'INTEGRATION_FAILURE',
    '$context.error.message': 'Internal server error',
    '$context.integration.error': 'Unhandled',
  }),
  'lambda throttle': accessLogLine({
    '$context.status': '500',
    '$context.error.responseType': 'INTEGRATION_FAILURE',
    '$context.integration.integrationStatus': '429',
    '$context.integration.status': '-',
    '$context.integrationErrorMessage': 'Rate Exceeded.',
  }),
  'missing invoke permission': accessLogLine({
    '$context.status': '500', '$context.error.responseType': 'API_CONFIGURATION_ERROR', '$context.integration.status': '-',
  }),
  'stage throttle': accessLogLine({
    '$context.status': '429',
    '$context.error.responseType': 'THROTTLED',
    '$context.error.message': 'Too Many Requests',
    '$context.integration.status': '-',
    '$context.integration.latency': '-',
  }),
  'quota exceeded': accessLogLine({ '$context.status': '429', '$context.error.responseType': 'QUOTA_EXCEEDED' }),
  'function returned 500 itself': accessLogLine({ '$context.status': '500' }),
  // Cause names elsewhere in the line must not count.
  'cause names in the integration error and message': accessLogLine({
    '$context.integration.error': 'INTEGRATION_TIMEOUT', '$context.error.message': 'INTEGRATION_FAILURE \\"THROTTLED\\"',
  }),
};


// ---------------------------------------------------------------------------------------------
// The construct.
// ---------------------------------------------------------------------------------------------

export interface Built {
  stack: cdk.Stack;
  monitoring: ResilientApiMonitoring;
  template: Template;
}

export function build(options?: MonitoringOptions, change: Partial<ResilientApiMonitoringProps> & { imported?: boolean } = {}): Built {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'Shop');
  const defined = newHandler(stack, 'Handler', {
    timeout: cdk.Duration.seconds(10),
  });
  const handler = change.imported ? lambda.Function.fromFunctionName(stack, 'Imported', 'orders-fn') : defined;
  const api = new apigateway.LambdaRestApi(stack, 'Api', { handler: defined, restApiName: 'orders' });
  const accessLogGroup = new logs.LogGroup(stack, 'AccessLogs');
  const { imported: _, ...props } = change;
  const monitoring = new ResilientApiMonitoring(stack, 'Monitoring', {
    api,
    stageName: 'prod',
    accessLogGroup,
    executionLogGroupName: 'API-Gateway-Execution-Logs_x/prod',
    handler,
    integrationTimeout: cdk.Duration.seconds(29),
    options,
    ...props,
  });
  return { stack, monitoring, template: Template.fromStack(stack) };
}

export const defaults = build();

/**
 * The longest a description can get once deployed: its text plus the longest name each
 * reference can resolve to (a function name is at most 64 characters; a generated log group
 * name is the stack name, at most 128, plus the construct path and a suffix: 256 is generous).
 */
export function resolvedLengthAtMost(description: unknown): number {
  if (typeof description === 'string') return description.length;
  const parts = (description as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return parts.reduce<number>((sum, part) => {
    if (typeof part === 'string') return sum + part.length;
    const ref = (part as { Ref: string }).Ref;
    return sum + (ref.startsWith('Handler') ? 64 : 256);
  }, 0);
}

export const API_DIMENSIONS = [{ Name: 'ApiName', Value: 'orders' }, { Name: 'Stage', Value: 'prod' }];
export const FUNCTION_DIMENSIONS = [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^Handler') } }];

export function metricStat(namespace: string, metricName: string, dimensions: unknown[], stat: string) {
  const metric = { Namespace: namespace, MetricName: metricName, Dimensions: dimensions };
  return { MetricStat: { Metric: metric, Period: 60, Stat: stat }, ReturnData: false };
}
