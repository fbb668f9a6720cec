import { Template } from 'aws-cdk-lib/assertions';
import { accessLogLine, defaults, matches, SAMPLES } from './support';
import { FUNCTION_DEADLINES_METRIC, FUNCTION_ERRORS_METRIC, INTEGRATION_TIMEOUT_ENV, METRICS_NAMESPACE, withContract } from '../../handlers/node/src';
import { FAILURE_CAUSES, failureFilterPattern, FAILURE_METRICS_NAMESPACE, HANDLER_METRICS } from '../../src/monitoring';
import { lambdaContext, proxyEvent } from '../handlers/node/support';

/** The metrics CloudWatch extracts from a log line in the embedded metric format: namespace/name -> dimension names and value. */
function emfMetrics(line: string): Array<{ namespace: string; name: string; dimensions: { [name: string]: unknown }; value: unknown }> {
  const event = JSON.parse(line);
  return (event._aws?.CloudWatchMetrics ?? []).flatMap((directive: any) => directive.Metrics.map((metric: any) => ({
    namespace: directive.Namespace,
    name: metric.Name,
    dimensions: Object.fromEntries(directive.Dimensions.flat().map((d: string) => [d, event[d]])),
    value: event[metric.Name],
  })));
}

/** The metrics an alarm reads, by id: namespace, name and dimension names. */
function alarmMetrics(template: Template, alarmName: string): Array<{ namespace: string; name: string; dimensions: string[] }> {
  const alarm = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: alarmName } }))[0] as any;
  return alarm.Properties.Metrics.filter((m: any) => m.MetricStat).map((m: any) => ({
    namespace: m.MetricStat.Metric.Namespace,
    name: m.MetricStat.Metric.MetricName,
    dimensions: m.MetricStat.Metric.Dimensions.map((d: any) => d.Name),
  }));
}

async function loggedLine(handler: () => unknown, env: { [name: string]: string } = {}): Promise<{ status: number; line: string }> {
  const logged: string[] = [];
  const response = await withContract(handler, { write: (line) => logged.push(line), env })(proxyEvent(), lambdaContext());
  expect(logged).toHaveLength(1);
  return { status: response.statusCode, line: logged[0] };
}

describe('a caught error still counts as a function error', () => {
  test('the helper and the construct agree on the namespace and the metric names', () => {
    expect(METRICS_NAMESPACE).toBe(FAILURE_METRICS_NAMESPACE);
    expect([FUNCTION_ERRORS_METRIC, FUNCTION_DEADLINES_METRIC]).toEqual([HANDLER_METRICS.functionErrors, HANDLER_METRICS.functionDeadlines]);
  });

  test('without the metric, nothing would count it: the access log line of the helper\'s 500 matches none of the construct\'s filter patterns', () => {
    const answered = accessLogLine({ '$context.status': '500', '$context.integration.status': '500' });
    expect(FAILURE_CAUSES.filter((cause) => matches(failureFilterPattern(cause), answered))).toEqual([]);
    // The same error unhandled is an INTEGRATION_FAILURE: that is what the helper must not lose.
    expect(FAILURE_CAUSES.filter((cause) => matches(failureFilterPattern(cause), SAMPLES['function error'])).map((c) => c.key)).toEqual(['INTEGRATION_FAILURE']);
  });

  test.each<[string, () => unknown]>([
    ['a thrown error', () => {
      throw new Error('db down');
    }],
    ['a malformed response', () => ({ statusCode: 200, body: { ok: true } })],
  ])('%s: the helper\'s log line publishes one count in a metric the Lambda error rate alarm adds to Lambda\'s Errors', async (_, handler) => {
    const { status, line } = await loggedLine(handler);
    expect(status).toBe(500);
    const published = emfMetrics(line);
    expect(published).toEqual([{ namespace: FAILURE_METRICS_NAMESPACE, name: HANDLER_METRICS.functionErrors, dimensions: { FunctionName: 'orders-fn' }, value: 1 }]);
    const read = alarmMetrics(defaults.template, 'Shop-Api-prod-LambdaErrorRate');
    expect(read).toContainEqual({ namespace: published[0].namespace, name: published[0].name, dimensions: Object.keys(published[0].dimensions) });
    expect(read.map((m) => m.name)).toEqual(['Errors', HANDLER_METRICS.functionErrors, 'Invocations']);
  });

  test('a deadline: the helper\'s line publishes one count the integration timeout alarm adds to API Gateway\'s timeouts', async () => {
    const { status, line } = await loggedLine(() => new Promise(() => undefined), { [INTEGRATION_TIMEOUT_ENV]: '10' });
    expect(status).toBe(504);
    const published = emfMetrics(line);
    expect(published.map((m) => [m.name, m.value])).toEqual([[HANDLER_METRICS.functionDeadlines, 1]]);
    const read = alarmMetrics(defaults.template, 'Shop-Api-prod-IntegrationTimeouts');
    expect(read).toContainEqual({ namespace: published[0].namespace, name: published[0].name, dimensions: ['FunctionName'] });
    expect(read.map((m) => m.name)).toEqual(['IntegrationTimeout', HANDLER_METRICS.functionDeadlines]);
  });
});
