import { Match } from 'aws-cdk-lib/assertions';
import { accessLogLine, matches, select, SAMPLES, defaults } from './support';
import { ACCESS_LOG_FIELDS, OUTSIDE_TEXT_FIELDS } from '../../src/access-log-format';
import {
  accessLogField,
  FAILURE_CAUSES,
  failureFilterPattern,
  failureMetricDimensions,
} from '../../src/monitoring';

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


describe('sample access log lines through the metric filter patterns', () => {
  test('every sample is valid JSON', () => {
    for (const line of Object.values(SAMPLES)) {
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });

  test.each<[string, string[]]>([
    ['INTEGRATION_TIMEOUT', ['function timeout']],
    ['INTEGRATION_FAILURE', ['function error']],
    ['LAMBDA_THROTTLE', ['lambda throttle']],
    ['API_CONFIGURATION_ERROR', ['missing invoke permission']],
    ['THROTTLED', ['stage throttle']],
  ])('%s counts exactly %j', (key, expected) => {
    const pattern = failureFilterPattern(FAILURE_CAUSES.find((c) => c.key === key)!);
    const matched = Object.entries(SAMPLES).filter(([, line]) => matches(pattern, line)).map(([name]) => name);
    expect(matched).toEqual(expected);
  });

  test('a Lambda throttle is INTEGRATION_FAILURE with Lambda\'s own status 429; the function-error count leaves it out', () => {
    const throttle = FAILURE_CAUSES.find((c) => c.key === 'LAMBDA_THROTTLE')!;
    const failure = FAILURE_CAUSES.find((c) => c.key === 'INTEGRATION_FAILURE')!;
    expect(failureFilterPattern(throttle)).toBe('{ $.errorType = "INTEGRATION_FAILURE" && $.lambdaStatus = "429" }');
    expect(failureFilterPattern(failure)).toBe('{ $.errorType = "INTEGRATION_FAILURE" && $.lambdaStatus != "429" }');
    // The function's own status (integrationStatus) may be anything, 429 included: it does not make a throttle.
    const functionSaid429 = accessLogLine({
      '$context.status': '502',
      '$context.error.responseType': 'INTEGRATION_FAILURE',
      '$context.integration.status': '429',
      '$context.integration.integrationStatus': '200',
    });
    expect(matches(failureFilterPattern(throttle), functionSaid429)).toBe(false);
    expect(matches(failureFilterPattern(failure), functionSaid429)).toBe(true);
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
      ...FAILURE_CAUSES.map((c) => failureFilterPattern(c)),
      ...Object.values(failureMetricDimensions()),
    ].join(' ').match(/\$\.[A-Za-z0-9_]+/g) ?? [];
    expect(selectors.length).toBeGreaterThan(0);
    for (const selector of selectors) {
      expect(Object.keys(ACCESS_LOG_FIELDS)).toContain(selector.slice(2));
    }
  });

  test('patterns and dimensions read only fields API Gateway sets, all before any text from outside it', () => {
    const selectors = [
      ...FAILURE_CAUSES.map((c) => failureFilterPattern(c)),
      ...Object.values(failureMetricDimensions()),
    ].join(' ').match(/\$\.[A-Za-z0-9_]+/g) ?? [];
    const names = Object.keys(ACCESS_LOG_FIELDS);
    const firstOutside = Math.min(...OUTSIDE_TEXT_FIELDS.map((f) => names.indexOf(f)));
    for (const selector of selectors) {
      expect(OUTSIDE_TEXT_FIELDS).not.toContain(selector.slice(2));
      expect(names.indexOf(selector.slice(2))).toBeLessThan(firstOutside);
    }
  });

  test('a field is found by its $context variable, and a missing one is an error', () => {
    expect(accessLogField('$context.error.responseType')).toBe('errorType');
    expect(() => accessLogField('$context.nope')).toThrow(/no field for \$context\.nope/);
  });
});


describe('metric filters', () => {
  test.each(FAILURE_CAUSES.map((c) => [c.key, c.metricName]))('%s is counted into %s with the API id and stage', (key, metricName) => {
    defaults.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: Match.stringLikeRegexp('^AccessLogs') },
      FilterPattern: failureFilterPattern(FAILURE_CAUSES.find((c) => c.key === key)!),
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

  test('exactly five: four gateway response types, and Lambda throttles apart from function errors', () => {
    defaults.template.resourceCountIs('AWS::Logs::MetricFilter', 5);
    expect(FAILURE_CAUSES.map((c) => c.metricName)).toEqual(['IntegrationTimeout', 'IntegrationFailure', 'LambdaThrottle', 'ApiConfigurationError', 'Throttled']);
  });

  test('public metrics by cause match what the filters publish', () => {
    const metric = defaults.monitoring.failureMetrics.INTEGRATION_TIMEOUT;
    expect(metric.namespace).toBe('ResilientLambdaRestApi');
    expect(metric.metricName).toBe('IntegrationTimeout');
    expect(Object.keys(metric.dimensions ?? {})).toEqual(Object.keys(failureMetricDimensions()));
    expect(Object.keys(defaults.monitoring.metricFilters).sort()).toEqual(FAILURE_CAUSES.map((c) => c.key).sort());
    expect(defaults.monitoring.failureMetrics.LAMBDA_THROTTLE.metricName).toBe('LambdaThrottle');
  });
});
