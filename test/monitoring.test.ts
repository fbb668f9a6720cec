import * as cdk from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { newHandler } from './util';
import { ACCESS_LOG_FIELDS, renderAccessLogFormat } from '../src/access-log-format';
import {
  accessLogField,
  CLOUDWATCH_PRICES_DATE,
  defaultAlarmNamePrefix,
  defaultMonitoringCost,
  estimateMonthlyCost,
  FAILURE_CAUSES,
  FAILURE_METRICS_NAMESPACE,
  failureFilterPattern,
  failureMetricDimensions,
  gatedRateExpression,
  MonitoringAlarm,
  MonitoringOptions,
  planMonitoring,
  renderAlarmTable,
  renderCostTable,
  ResilientApiMonitoring,
  ResilientApiMonitoringProps,
  SavedQuery,
  savedQueryString,
} from '../src/monitoring';

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

function select(event: unknown, selector: string): unknown {
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
function matches(pattern: string, line: string): boolean {
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

describe('the filter pattern evaluator', () => {
  const line = JSON.stringify({ a: 'INTEGRATION_TIMEOUT', s: '504', n: 504, nested: { x: 'y' } });
  test.each<[string, boolean]>([
    ['{ $.a = "INTEGRATION_TIMEOUT" }', true],
    ['{ $.a = "INTEGRATION_FAILURE" }', false],
    ['{ $.a != "INTEGRATION_FAILURE" }', true],
    ['{ $.a = "INTEGRATION_*" }', true],
    ['{ $.s = "5*" }', true],
    ['{ $.s = 504 }', false],
    ['{ $.n = 504 }', true],
    ['{ $.n >= 500 && $.n < 600 }', true],
    ['{ $.n > 504 }', false],
    ['{ $.a = "X" || $.s = "504" }', true],
    ['{ $.a = "X" || ($.s = "504" && $.n <= 503) }', false],
    ['{ $.nested.x = "y" }', true],
    ['{ $.missing = "y" }', false],
  ])('%s -> %s', (pattern, expected) => {
    expect(matches(pattern, line)).toBe(expected);
  });

  test('rejects what it cannot parse, so a pattern outside the subset fails the test', () => {
    expect(() => matches('$.a = "x"', line)).toThrow(/not a JSON filter pattern/);
    expect(() => matches('{ $.a ~ "x" }', line)).toThrow(/cannot parse/);
  });
});

// ---------------------------------------------------------------------------------------------
// Sample access log lines, rendered from the library's own format.
// ---------------------------------------------------------------------------------------------

const BASE: { [variable: string]: string } = {
  '$context.requestId': 'c0ffee00-1111-2222-3333-444455556666',
  '$context.extendedRequestId': 'Ab1Cd2Ef3GhI=',
  '$context.requestTime': '23/Nov/2026:10:00:00 +0000',
  '$context.requestTimeEpoch': '1795428000000',
  '$context.apiId': 'a1b2c3d4e5',
  '$context.stage': 'prod',
  '$context.httpMethod': 'GET',
  '$context.resourcePath': '/orders/{id}',
  '$context.path': '/prod/orders/42',
  '$context.protocol': 'HTTP/1.1',
  '$context.identity.sourceIp': '203.0.113.7',
  '$context.status': '200',
  '$context.responseLength': '42',
  '$context.responseLatency': '35',
  '$context.error.responseType': '-',
  '$context.error.messageString': '"-"',
  '$context.integration.status': '200',
  '$context.integration.error': '-',
  '$context.integrationErrorMessage': '-',
  '$context.integration.latency': '31',
  '$context.integration.requestId': '9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff',
  '$context.xrayTraceId': 'Root=1-00000000-000000000000000000000000',
};

/** A line as API Gateway would write it: the format with `$context` variables substituted. */
function accessLogLine(values: { [variable: string]: string }): string {
  const all = { ...BASE, ...values };
  return renderAccessLogFormat().replace(/\$context(?:\.[A-Za-z]+)+/g, (v) => {
    if (!(v in all)) throw new Error(`no sample value for ${v}`);
    return all[v];
  });
}

const SAMPLES: { [name: string]: string } = {
  'ok': accessLogLine({}),
  'function timeout': accessLogLine({
    '$context.status': '504',
    '$context.error.responseType': 'INTEGRATION_TIMEOUT',
    '$context.error.messageString': '"Endpoint request timed out"',
    '$context.integration.latency': '29001',
    '$context.integration.status': '-',
    '$context.responseLatency': '29005',
  }),
  'function error': accessLogLine({
    '$context.status': '502',
    '$context.error.responseType': 'INTEGRATION_FAILURE',
    '$context.error.messageString': '"Internal server error"',
    '$context.integration.error': 'Unhandled',
  }),
  'lambda throttle': accessLogLine({
    '$context.status': '500',
    '$context.error.responseType': 'INTEGRATION_FAILURE',
    '$context.integration.status': '429',
    '$context.integrationErrorMessage': 'Rate Exceeded.',
  }),
  'missing invoke permission': accessLogLine({
    '$context.status': '500', '$context.error.responseType': 'API_CONFIGURATION_ERROR', '$context.integration.status': '-',
  }),
  'stage throttle': accessLogLine({
    '$context.status': '429',
    '$context.error.responseType': 'THROTTLED',
    '$context.error.messageString': '"Too Many Requests"',
    '$context.integration.status': '-',
    '$context.integration.latency': '-',
  }),
  'quota exceeded': accessLogLine({ '$context.status': '429', '$context.error.responseType': 'QUOTA_EXCEEDED' }),
  'function returned 500 itself': accessLogLine({ '$context.status': '500' }),
  // Cause names elsewhere in the line must not count.
  'cause names in path and message': accessLogLine({
    '$context.path': '/prod/INTEGRATION_TIMEOUT', '$context.error.messageString': '"INTEGRATION_FAILURE \\"THROTTLED\\""',
  }),
};

describe('sample access log lines through the metric filter patterns', () => {
  test('every sample is valid JSON', () => {
    for (const line of Object.values(SAMPLES)) {
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });

  test.each<[string, string[]]>([
    ['INTEGRATION_TIMEOUT', ['function timeout']],
    ['INTEGRATION_FAILURE', ['function error', 'lambda throttle']],
    ['API_CONFIGURATION_ERROR', ['missing invoke permission']],
    ['THROTTLED', ['stage throttle']],
  ])('%s counts exactly %j', (responseType, expected) => {
    const pattern = failureFilterPattern(responseType);
    const matched = Object.entries(SAMPLES).filter(([, line]) => matches(pattern, line)).map(([name]) => name);
    expect(matched).toEqual(expected);
  });

  test('the dimensions read fields every line has: the API id and the stage', () => {
    for (const line of Object.values(SAMPLES)) {
      const event = JSON.parse(line);
      const values = Object.values(failureMetricDimensions()).map((selector) => select(event, selector));
      expect(values).toEqual(['a1b2c3d4e5', 'prod']);
    }
  });

  test('patterns, dimensions and queries name only fields of the access log format', () => {
    const selectors = [
      ...FAILURE_CAUSES.map((c) => failureFilterPattern(c.responseType)),
      ...Object.values(failureMetricDimensions()),
    ].join(' ').match(/\$\.[A-Za-z0-9_]+/g) ?? [];
    expect(selectors.length).toBeGreaterThan(0);
    for (const selector of selectors) {
      expect(Object.keys(ACCESS_LOG_FIELDS)).toContain(selector.slice(2));
    }
  });

  test('a field is found by its $context variable, and a missing one is an error', () => {
    expect(accessLogField('$context.error.responseType')).toBe('errorType');
    expect(() => accessLogField('$context.nope')).toThrow(/no field for \$context\.nope/);
  });
});

describe('saved queries', () => {
  test.each<[SavedQuery, RegExp[]]>([
    [SavedQuery.FAILURES_BY_CAUSE, [/filter status like \/\^5\/ or errorType != "-"/, /stats count\(\*\) as failures by errorType, status, integrationStatus/]],
    [SavedQuery.SLOWEST_REQUESTS, [/responseLatency \* 1 as responseMs/, /sort responseMs desc/, /limit 50/]],
    [SavedQuery.TIMEOUTS_BY_PATH, [/filter errorType = "INTEGRATION_TIMEOUT"/, /by httpMethod, resourcePath/]],
    [SavedQuery.API_TO_LAMBDA_REQUEST_ID, [/fields @timestamp, requestId, integrationRequestId as lambdaRequestId/, /# \| filter requestId = "REQUEST_ID"/]],
  ])('%s', (query, expected) => {
    const text = savedQueryString(query);
    for (const re of expected) {
      expect(text).toMatch(re);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The construct.
// ---------------------------------------------------------------------------------------------

interface Built {
  stack: cdk.Stack;
  monitoring: ResilientApiMonitoring;
  template: Template;
}

function build(options?: MonitoringOptions, change: Partial<ResilientApiMonitoringProps> & { imported?: boolean } = {}): Built {
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

const defaults = build();

/**
 * The longest a description can get once deployed: its text plus the longest name each
 * reference can resolve to (a function name is at most 64 characters; a generated log group
 * name is the stack name, at most 128, plus the construct path and a suffix: 256 is generous).
 */
function resolvedLengthAtMost(description: unknown): number {
  if (typeof description === 'string') return description.length;
  const parts = (description as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return parts.reduce<number>((sum, part) => {
    if (typeof part === 'string') return sum + part.length;
    const ref = (part as { Ref: string }).Ref;
    return sum + (ref.startsWith('Handler') ? 64 : 256);
  }, 0);
}

const API_DIMENSIONS = [{ Name: 'ApiName', Value: 'orders' }, { Name: 'Stage', Value: 'prod' }];
const FUNCTION_DIMENSIONS = [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^Handler') } }];

function metricStat(namespace: string, metricName: string, dimensions: unknown[], stat: string) {
  const metric = { Namespace: namespace, MetricName: metricName, Dimensions: dimensions };
  return { MetricStat: { Metric: metric, Period: 60, Stat: stat }, ReturnData: false };
}

describe('every default alarm: metric, dimensions, statistic, threshold, period, datapoints, missing data', () => {
  test.each<[string, { [key: string]: unknown }]>([
    ['Shop-Api-prod-ServerErrorRate', {
      Metrics: [
        { Expression: 'IF(total >= 10, FILL(errors, 0) / total, 0)', ReturnData: true },
        { Id: 'errors', ...metricStat('AWS/ApiGateway', '5XXError', API_DIMENSIONS, 'Sum') },
        { Id: 'total', ...metricStat('AWS/ApiGateway', 'Count', API_DIMENSIONS, 'Sum') },
      ],
      Threshold: 0.01,
      ComparisonOperator: 'GreaterThanThreshold',
      DatapointsToAlarm: 3,
    }],
    ['Shop-Api-prod-IntegrationLatency', {
      Namespace: 'AWS/ApiGateway',
      MetricName: 'IntegrationLatency',
      Dimensions: API_DIMENSIONS,
      ExtendedStatistic: 'p99',
      Period: 60,
      Threshold: 23_200,
      ComparisonOperator: 'GreaterThanThreshold',
      DatapointsToAlarm: 3,
    }],
    ['Shop-Api-prod-IntegrationTimeouts', {
      Namespace: FAILURE_METRICS_NAMESPACE,
      MetricName: 'IntegrationTimeout',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: Match.stringLikeRegexp('^Api') } }, { Name: 'Stage', Value: 'prod' }],
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      DatapointsToAlarm: 1,
    }],
    ['Shop-Api-prod-LambdaErrorRate', {
      Metrics: [
        { Expression: 'IF(total >= 10, FILL(errors, 0) / total, 0)', ReturnData: true },
        { Id: 'errors', ...metricStat('AWS/Lambda', 'Errors', FUNCTION_DIMENSIONS, 'Sum') },
        { Id: 'total', ...metricStat('AWS/Lambda', 'Invocations', FUNCTION_DIMENSIONS, 'Sum') },
      ],
      Threshold: 0.01,
      ComparisonOperator: 'GreaterThanThreshold',
      DatapointsToAlarm: 3,
    }],
    ['Shop-Api-prod-LambdaThrottles', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Dimensions: FUNCTION_DIMENSIONS,
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      DatapointsToAlarm: 3,
    }],
    ['Shop-Api-prod-LambdaDuration', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      Dimensions: FUNCTION_DIMENSIONS,
      ExtendedStatistic: 'p99',
      Period: 60,
      Threshold: 8_000,
      ComparisonOperator: 'GreaterThanThreshold',
      DatapointsToAlarm: 3,
    }],
  ])('%s', (name, expected) => {
    defaults.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: name,
      EvaluationPeriods: 5,
      TreatMissingData: 'notBreaching',
      AlarmActions: Match.absent(),
      OKActions: Match.absent(),
      ...expected,
    });
  });

  test('exactly these six metric alarms and one composite alarm exist', () => {
    const names = Object.values(defaults.template.findResources('AWS::CloudWatch::Alarm')).map((r) => r.Properties.AlarmName).sort();
    expect(names).toEqual([
      'Shop-Api-prod-IntegrationLatency', 'Shop-Api-prod-IntegrationTimeouts', 'Shop-Api-prod-LambdaDuration',
      'Shop-Api-prod-LambdaErrorRate', 'Shop-Api-prod-LambdaThrottles', 'Shop-Api-prod-ServerErrorRate',
    ]);
    defaults.template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 1);
  });

  test('every alarm has a one-minute period, five evaluation periods and missing data not breaching', () => {
    for (const alarm of Object.values(defaults.template.findResources('AWS::CloudWatch::Alarm'))) {
      const p = alarm.Properties;
      const periods = p.Metrics ? p.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Period) : [p.Period];
      expect(periods.every((period: number) => period === 60)).toBe(true);
      expect(p.EvaluationPeriods).toBe(5);
      expect(p.TreatMissingData).toBe('notBreaching');
    }
  });

  test('the composite "unhealthy" alarm fires on any of them', () => {
    const composite = Object.values(defaults.template.findResources('AWS::CloudWatch::CompositeAlarm'))[0];
    expect(composite.Properties.AlarmName).toBe('Shop-Api-prod-Unhealthy');
    const rule = JSON.stringify(composite.Properties.AlarmRule);
    for (const id of Object.keys(defaults.template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(rule).toContain(`"${id}","Arn"`);
    }
    expect(rule.match(/ OR /g)).toHaveLength(5);
    expect(composite.Properties.AlarmActions).toBeUndefined();
    expect(resolvedLengthAtMost(composite.Properties.AlarmDescription)).toBeLessThanOrEqual(1024);
  });

  test('descriptions say what broke and name the access log group, the saved query and the execution log group', () => {
    const expected: { [name: string]: string } = {
      'Shop-Api-prod-ServerErrorRate': 'FailuresByCause',
      'Shop-Api-prod-IntegrationLatency': 'SlowestRequests',
      'Shop-Api-prod-IntegrationTimeouts': 'TimeoutsByPath',
      'Shop-Api-prod-LambdaErrorRate': 'ApiToLambdaRequestId',
      'Shop-Api-prod-LambdaThrottles': 'FailuresByCause',
      'Shop-Api-prod-LambdaDuration': 'SlowestRequests',
    };
    for (const alarm of Object.values(defaults.template.findResources('AWS::CloudWatch::Alarm'))) {
      const description = JSON.stringify(alarm.Properties.AlarmDescription);
      expect(description).toContain(`saved Logs Insights query 'Shop-Api-prod/${expected[alarm.Properties.AlarmName]}'`);
      expect(description).toMatch(/on the access log group ",\{"Ref":"AccessLogs/);
      expect(description).toContain('API-Gateway-Execution-Logs_x/prod');
      expect(resolvedLengthAtMost(alarm.Properties.AlarmDescription)).toBeLessThanOrEqual(1024);
    }
  });
});

describe('metric filters', () => {
  test.each(FAILURE_CAUSES.map((c) => [c.responseType, c.metricName]))('%s is counted into %s with the API id and stage', (responseType, metricName) => {
    defaults.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: Match.stringLikeRegexp('^AccessLogs') },
      FilterPattern: `{ $.errorType = "${responseType}" }`,
      MetricTransformations: [{
        MetricNamespace: 'ResilientLambdaRestApi',
        MetricName: metricName,
        MetricValue: '1',
        Unit: 'Count',
        Dimensions: [{ Key: 'ApiId', Value: '$.apiId' }, { Key: 'Stage', Value: '$.stage' }],
        // No default value: the metric is published (and billed) only when the failure happens.
        DefaultValue: Match.absent(),
      }],
    });
  });

  test('exactly four', () => {
    defaults.template.resourceCountIs('AWS::Logs::MetricFilter', 4);
  });

  test('public metrics by cause match what the filters publish', () => {
    const metric = defaults.monitoring.failureMetrics.INTEGRATION_TIMEOUT;
    expect(metric.namespace).toBe('ResilientLambdaRestApi');
    expect(metric.metricName).toBe('IntegrationTimeout');
    expect(Object.keys(metric.dimensions ?? {})).toEqual(Object.keys(failureMetricDimensions()));
    expect(Object.keys(defaults.monitoring.metricFilters).sort()).toEqual(FAILURE_CAUSES.map((c) => c.responseType).sort());
  });
});

test('saved queries are on the access log group, named after the API', () => {
  for (const query of Object.values(SavedQuery)) {
    defaults.template.hasResourceProperties('AWS::Logs::QueryDefinition', {
      Name: `Shop-Api-prod/${query}`,
      QueryString: savedQueryString(query),
      LogGroupNames: [{ Ref: Match.stringLikeRegexp('^AccessLogs') }],
    });
  }
  defaults.template.resourceCountIs('AWS::Logs::QueryDefinition', 4);
});

test('no dashboard by default', () => {
  defaults.template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  expect(defaults.monitoring.dashboard).toBeUndefined();
});

test('public members expose every alarm and metric', () => {
  const m = defaults.monitoring;
  expect(m.alarms).toHaveLength(6);
  const named = [m.serverErrorRateAlarm, m.integrationLatencyAlarm, m.integrationTimeoutAlarm, m.lambdaErrorRateAlarm, m.lambdaThrottlesAlarm];
  expect([...named, m.lambdaDurationAlarm])
    .toEqual(m.alarms);
  expect(m.unhealthyAlarm).toBeDefined();
  expect(m.requestCountMetric.metricName).toBe('Count');
  expect(m.serverErrorCountMetric.metricName).toBe('5XXError');
  expect(m.integrationLatencyMetric.statistic).toBe('p99');
  expect(m.serverErrorRateMetric.expression).toBe(gatedRateExpression(10));
  expect(m.lambdaConcurrencyMetric.metricName).toBe('ConcurrentExecutions');
  expect([m.failuresByCauseQuery, m.slowestRequestsQuery, m.timeoutsByPathQuery, m.requestIdQuery].every((q) => q !== undefined)).toBe(true);
});

describe('actions', () => {
  function withTopic(options: MonitoringOptions = {}) {
    const app = new cdk.App();
    const stack = new cdk.Stack(app, 'Shop');
    const topic = new sns.Topic(stack, 'Topic');
    const handler = new lambda.Function(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    });
    const api = new apigateway.LambdaRestApi(stack, 'Api', { handler, restApiName: 'orders' });
    new ResilientApiMonitoring(stack, 'Monitoring', {
      api,
      stageName: 'prod',
      accessLogGroup: new logs.LogGroup(stack, 'AccessLogs'),
      handler,
      integrationTimeout: cdk.Duration.seconds(29),
      options: { alarmActions: [new actions.SnsAction(topic)], okActions: [new actions.SnsAction(topic)], ...options },
    });
    return Template.fromStack(stack);
  }
  const TOPIC = [{ Ref: Match.stringLikeRegexp('^Topic') }];

  test('go on the composite alarm only, by default: one notification per incident', () => {
    const template = withTopic();
    template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', { AlarmActions: TOPIC, OKActions: TOPIC });
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toBeUndefined();
      expect(alarm.Properties.OKActions).toBeUndefined();
    }
  });

  test.each<[string, MonitoringOptions, boolean]>([
    ['notifyEachAlarm', { notifyEachAlarm: true }, true],
    ['no composite alarm', { unhealthyAlarm: false }, false],
  ])('go on every alarm with %s', (_name, options, composite) => {
    const template = withTopic(options);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(6);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^Topic/) }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: expect.stringMatching(/^Topic/) }]);
    }
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', composite ? 1 : 0);
  });
});

test.each<[string, string, string, string]>([
  ['a top-level API', 'Api', 'prod', 'Shop-Api-prod'],
  ['a nested API', 'Service/Orders Api', 'v1', 'Shop-Service-Orders-Api-v1'],
  ['odd characters', 'Api:*', 'prod', 'Shop-Api---prod'],
])('the default name prefix of %s', (_name, path, stageName, expected) => {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'Shop');
  const scope = path.split('/').reduce<Construct>((parent, id) => new Construct(parent, id), stack);
  expect(defaultAlarmNamePrefix(scope, stageName)).toBe(expected);
});

describe('options', () => {
  test('thresholds are data', () => {
    const { template } = build({
      serverErrorRateThreshold: 0.05,
      minimumRequests: 50,
      integrationLatencyThreshold: 0.5,
      lambdaErrorRateThreshold: 0.02,
      lambdaThrottlesThreshold: 5,
      lambdaDurationThreshold: 0.9,
      alarmNamePrefix: 'orders-prod',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'orders-prod-ServerErrorRate', Threshold: 0.05, Metrics: Match.arrayWith([Match.objectLike({ Expression: 'IF(total >= 50, FILL(errors, 0) / total, 0)' })]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'orders-prod-IntegrationLatency', Threshold: 14_500 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'orders-prod-LambdaErrorRate', Threshold: 0.02 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'orders-prod-LambdaThrottles', Threshold: 5 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'orders-prod-LambdaDuration', Threshold: 9_000 });
    template.hasResourceProperties('AWS::Logs::QueryDefinition', { Name: 'orders-prod/FailuresByCause' });
  });

  test('alarms can be switched off one by one; the composite covers the rest', () => {
    const { template, monitoring } = build({ disabledAlarms: [MonitoringAlarm.LAMBDA_THROTTLES, MonitoringAlarm.INTEGRATION_LATENCY] });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    expect(monitoring.lambdaThrottlesAlarm).toBeUndefined();
    expect(monitoring.integrationLatencyAlarm).toBeUndefined();
    expect(JSON.stringify(template.findResources('AWS::CloudWatch::CompositeAlarm')).match(/ OR /g)).toHaveLength(3);
  });

  test('the function timeout comes from the props where given', () => {
    const { template } = build(undefined, { functionTimeout: cdk.Duration.seconds(20) });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Shop-Api-prod-LambdaDuration', Threshold: 16_000 });
  });

  test('an imported function with no timeout given: no duration alarm, the others stay', () => {
    const { template, monitoring } = build(undefined, { imported: true });
    expect(monitoring.lambdaDurationAlarm).toBeUndefined();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Shop-Api-prod-LambdaThrottles', Dimensions: [{ Name: 'FunctionName', Value: Match.anyValue() }],
    });
  });

  test('no access log group: no filters, timeouts alarm or queries, and a warning', () => {
    const { stack, template, monitoring } = build(undefined, { accessLogGroup: undefined });
    template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    template.resourceCountIs('AWS::Logs::QueryDefinition', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
    expect(monitoring.integrationTimeoutAlarm).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Shop/Monitoring', Match.stringLikeRegexp('cannot count failures by cause'));
  });

  test('failure metrics and saved queries can be switched off', () => {
    const { template } = build({ failureMetrics: false, savedQueries: false });
    template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    template.resourceCountIs('AWS::Logs::QueryDefinition', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(JSON.stringify(alarm.Properties.AlarmDescription)).not.toContain('saved Logs Insights query');
    }
  });

  test('enabled: false creates nothing', () => {
    const { template, monitoring } = build({ enabled: false, dashboard: true });
    for (const type of ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm', 'AWS::Logs::MetricFilter', 'AWS::Logs::QueryDefinition', 'AWS::CloudWatch::Dashboard']) {
      template.resourceCountIs(type, 0);
    }
    expect(monitoring.alarms).toEqual([]);
    expect(monitoring.monthlyCost.maxUsd).toBe(0);
  });

  test('the dashboard, when asked for, draws the timeouts as lines and covers API and function', () => {
    const { template } = build({ dashboard: true });
    const body = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0].Properties.DashboardBody);
    for (const expected of [
      'Requests', '4XX and 5XX rate', 'Latency p99 against integration latency p99', 'Failures by cause', 'Lambda errors and throttles',
      'Lambda duration p99', 'Lambda concurrent executions',
      '\\"value\\":29000,\\"label\\":\\"Integration timeout\\"', '\\"value\\":10000,\\"label\\":\\"Function timeout\\"',
      'ConcurrentExecutions', 'IntegrationLatency', 'Throttles',
    ]) {
      expect(body).toContain(expected);
    }
  });
});

describe('bad input is an error naming the property and the allowed range', () => {
  test.each<[string, MonitoringOptions, RegExp]>([
    ['error rate above 1', { serverErrorRateThreshold: 1.5 }, /monitoring\.serverErrorRateThreshold must be a fraction from 0 and below 1.*got 1\.5/],
    ['error rate negative', { serverErrorRateThreshold: -0.1 }, /monitoring\.serverErrorRateThreshold must be a fraction from 0/],
    ['error rate given as a percentage', { lambdaErrorRateThreshold: 1 }, /monitoring\.lambdaErrorRateThreshold must be a fraction from 0 and below 1 \(0\.01 is 1 %\); got 1/],
    ['latency share of 0', { integrationLatencyThreshold: 0 }, /monitoring\.integrationLatencyThreshold must be a fraction above 0 and below 1; got 0|monitoring\.integrationLatencyThreshold must be a fraction above 0 and below 1 \(0\.01 is 1 %\); got 0/],
    ['latency share of 1', { integrationLatencyThreshold: 1 }, /monitoring\.integrationLatencyThreshold must be a fraction above 0 and below 1/],
    ['duration share above 1', { lambdaDurationThreshold: 80 }, /monitoring\.lambdaDurationThreshold must be a fraction above 0 and below 1.*got 80/],
    ['minimum requests 0', { minimumRequests: 0 }, /monitoring\.minimumRequests must be a whole number, 1 or more; got 0/],
    ['minimum requests fractional', { minimumRequests: 2.5 }, /monitoring\.minimumRequests must be a whole number, 1 or more; got 2\.5/],
    ['throttles threshold 0', { lambdaThrottlesThreshold: 0 }, /monitoring\.lambdaThrottlesThreshold must be a whole number, 1 or more; got 0/],
    ['a prefix with a slash', { alarmNamePrefix: 'a/b' }, /monitoring\.alarmNamePrefix may hold letters, digits and -_\. only; got 'a\/b'/],
  ])('%s', (_name, options, expected) => {
    expect(() => build(options)).toThrow(expected);
  });

  test('all errors are reported at once', () => {
    const { errors } = planMonitoring({ minimumRequests: 0, serverErrorRateThreshold: 2 }, { hasAccessLogGroup: true, functionTimeoutKnown: true });
    expect(errors).toHaveLength(2);
  });
});

describe('risky but legal choices are warnings', () => {
  test.each<[string, MonitoringOptions, string]>([
    ['latency threshold at the timeout', { integrationLatencyThreshold: 0.97 }, 'integrationLatencyThresholdNearTimeout'],
    ['error rate above 10 %', { serverErrorRateThreshold: 0.2 }, 'highServerErrorRateThreshold'],
  ])('%s', (_name, options, id) => {
    expect(Object.keys(planMonitoring(options, { hasAccessLogGroup: true, functionTimeoutKnown: true }).plan.warnings)).toEqual([id]);
    const { stack } = build(options);
    Annotations.fromStack(stack).hasWarning('/Shop/Monitoring', Match.stringLikeRegexp(`resilient-lambda-rest-api:${id}`));
  });

  test('defaults raise no warning', () => {
    expect(planMonitoring(undefined, { hasAccessLogGroup: true, functionTimeoutKnown: true }).plan.warnings).toEqual({});
    Annotations.fromStack(defaults.stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('cost', () => {
  test.each<[string, Parameters<typeof estimateMonthlyCost>[0], { fixedUsd: number; customMetricsMaxUsd: number; maxUsd: number }]>([
    ['nothing', { alarmMetrics: 0, compositeAlarms: 0, customMetrics: 0, dashboards: 0, queryDefinitions: 0 }, { fixedUsd: 0, customMetricsMaxUsd: 0, maxUsd: 0 }],
    ['one alarm', { alarmMetrics: 1, compositeAlarms: 0, customMetrics: 0, dashboards: 0, queryDefinitions: 0 }, { fixedUsd: 0.1, customMetricsMaxUsd: 0, maxUsd: 0.1 }],
    ['a composite alarm', { alarmMetrics: 0, compositeAlarms: 1, customMetrics: 0, dashboards: 0, queryDefinitions: 0 }, { fixedUsd: 0.5, customMetricsMaxUsd: 0, maxUsd: 0.5 }],
    ['queries are free', { alarmMetrics: 0, compositeAlarms: 0, customMetrics: 0, dashboards: 0, queryDefinitions: 4 }, { fixedUsd: 0, customMetricsMaxUsd: 0, maxUsd: 0 }],
    ['a dashboard', { alarmMetrics: 0, compositeAlarms: 0, customMetrics: 0, dashboards: 1, queryDefinitions: 0 }, { fixedUsd: 3, customMetricsMaxUsd: 0, maxUsd: 3 }],
    ['defaults', { alarmMetrics: 8, compositeAlarms: 1, customMetrics: 4, dashboards: 0, queryDefinitions: 4 }, { fixedUsd: 1.3, customMetricsMaxUsd: 1.2, maxUsd: 2.5 }],
  ])('%s', (_name, inventory, expected) => {
    expect(estimateMonthlyCost(inventory)).toEqual(expected);
  });

  test('at defaults: US$1.30 a month fixed, US$2.50 at most; the figure the README quotes', () => {
    expect(defaultMonitoringCost()).toEqual({ fixedUsd: 1.3, customMetricsMaxUsd: 1.2, maxUsd: 2.5 });
    expect(defaults.monitoring.monthlyCost).toEqual(defaultMonitoringCost());
    expect(CLOUDWATCH_PRICES_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('the estimate counts what the template holds', () => {
    const alarms = Object.values(defaults.template.findResources('AWS::CloudWatch::Alarm'));
    const metricsOf = (a: any) => (a.Properties.Metrics ? a.Properties.Metrics.filter((m: any) => m.MetricStat).length : 1);
    const alarmMetrics = alarms.reduce((sum, a) => sum + metricsOf(a), 0);
    const inventory = planMonitoring(undefined, { hasAccessLogGroup: true, functionTimeoutKnown: true }).plan.inventory;
    expect(inventory).toEqual({
      alarmMetrics,
      compositeAlarms: Object.keys(defaults.template.findResources('AWS::CloudWatch::CompositeAlarm')).length,
      customMetrics: Object.keys(defaults.template.findResources('AWS::Logs::MetricFilter')).length,
      dashboards: 0,
      queryDefinitions: Object.keys(defaults.template.findResources('AWS::Logs::QueryDefinition')).length,
    });
  });

  test('the README cost table shows the same figures', () => {
    const table = renderCostTable();
    expect(table).toContain('| Alarm metrics (a metric-math alarm counts each metric in it) | 8 | US$0.10 | US$0.80 |');
    expect(table).toContain('| Composite alarm | 1 | US$0.50 | US$0.50 |');
    expect(table).toContain('**US$1.30 to US$2.50**');
    expect(table).toContain(CLOUDWATCH_PRICES_DATE);
  });
});

test('the README alarm table has a row for every default alarm and the composite', () => {
  const table = renderAlarmTable();
  for (const alarm of Object.values(MonitoringAlarm)) {
    expect(table).toContain(`| \`<prefix>-${alarm}\` |`);
  }
  expect(table).toContain('`<prefix>-Unhealthy` (composite)');
  expect(table).toContain('rate > 0.01 in 3 of 5 minutes; minutes with < 10 requests count as 0');
  expect(table.split('\n')).toHaveLength(2 + Object.values(MonitoringAlarm).length + 1);
});
