import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { ALARM_PERIOD } from './alarm-factory';
import { FAILURE_CAUSES } from './failure-metrics';
import { StageMetrics } from './metrics';

/** What the dashboard shows. */
export interface DashboardContext {
  readonly metrics: StageMetrics;
  readonly failureMetrics: { [cause: string]: cloudwatch.Metric };
  readonly alarms: cloudwatch.Alarm[];
  readonly unhealthyAlarm?: cloudwatch.CompositeAlarm;
  readonly integrationTimeoutMs: number;
  readonly functionTimeoutMs?: number;
}

/** The dashboard: traffic, error rates, latency against the timeouts, failures by cause, Lambda health and the alarms. */
export function createDashboard(scope: Construct, c: DashboardContext): cloudwatch.Dashboard {
  const m = c.metrics;
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard', { defaultInterval: Duration.hours(3) });
  const rate = (label: string, count: cloudwatch.IMetric, id: string) => new cloudwatch.MathExpression({
    expression: `100 * FILL(${id}, 0) / requests`,
    usingMetrics: { [id]: count, requests: m.requestCount },
    label,
    period: ALARM_PERIOD,
  });
  const widgets: cloudwatch.IWidget[] = [
    new cloudwatch.GraphWidget({ title: 'Requests', left: [m.requestCount], width: 8 }),
    new cloudwatch.GraphWidget({
      title: '4XX and 5XX rate (%)',
      left: [rate('4XX %', m.clientErrorCount, 'clientErrors'), rate('5XX %', m.serverErrorCount, 'serverErrors')],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Latency p99 against integration latency p99 (ms)',
      left: [m.latency, m.integrationLatency],
      leftAnnotations: [{ value: c.integrationTimeoutMs, label: 'Integration timeout', color: cloudwatch.Color.RED }],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Failures by cause (access log)',
      left: FAILURE_CAUSES.map((cause) => c.failureMetrics[cause.key].with({ label: cause.key })),
      stacked: true,
      width: 8,
    }),
    // Without a function the stack can name there is nothing to graph for Lambda.
    ...(m.lambdaErrorCount === undefined ? [] : [
      new cloudwatch.GraphWidget({
        title: 'Lambda errors and throttles',
        left: [m.lambdaErrorCount!, m.lambdaThrottles!],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda duration p99 (ms)',
        left: [m.lambdaDuration!],
        leftAnnotations: c.functionTimeoutMs === undefined ? [] : [{ value: c.functionTimeoutMs, label: 'Function timeout', color: cloudwatch.Color.RED }],
        width: 8,
      }),
      new cloudwatch.GraphWidget({ title: 'Lambda concurrent executions (max)', left: [m.lambdaConcurrency!], width: 8 }),
    ]),
  ];
  if (c.alarms.length > 0) {
    widgets.push(new cloudwatch.AlarmStatusWidget({
      title: 'Alarms',
      alarms: [...c.alarms, ...(c.unhealthyAlarm ? [c.unhealthyAlarm] : [])],
      width: 16,
    }));
  }
  dashboard.addWidgets(...widgets);
  return dashboard;
}
