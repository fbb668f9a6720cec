import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { AlarmFactory, EVALUATION_PERIODS, Sensitivity } from './alarm-factory';
import { StageMetrics } from './metrics';
import { MonitoringAlarm } from './options';
import { MonitoringPlan } from './plan';
import { SavedQuery } from './queries';

/** What the alarms watch and say, besides the plan. */
export interface AlarmContext {
  readonly plan: MonitoringPlan;
  readonly metrics: StageMetrics;
  /** Integration timeouts counted from the access log. */
  readonly integrationTimeoutMetric: cloudwatch.IMetric;
  /** The function's name; only read by the Lambda alarms, which the plan holds only with a function. */
  readonly handlerName?: string;
  /** `API <name> stage <stage>`, for descriptions. */
  readonly apiAt: string;
  readonly integrationTimeoutMs: number;
  readonly functionTimeoutMs?: number;
  /** Where to look for a failure, for descriptions: the saved query to run, the log groups. */
  readonly where: (query: SavedQuery) => string;
}

const TREND = `in ${Sensitivity.TREND} of the last ${EVALUATION_PERIODS} minutes`;

/** The default alarm name prefix: `<stack name>-<API path in the stack>-<stage name>`, in letters, digits and `-_.`. */
export function defaultAlarmNamePrefix(api: Construct, stageName: string): string {
  const stack = Stack.of(api);
  const relative = api.node.path.startsWith(`${stack.node.path}/`) ? api.node.path.slice(stack.node.path.length + 1) : api.node.path;
  // Construct ids may hold characters that query definition names refuse (`:`, `*`).
  return `${stack.stackName}-${relative}-${stageName}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}

function percent(value: number): string {
  return `${Math.round(value * 10_000) / 100} %`;
}

/** The alarms the plan asks for, built by the factory, by alarm; each description names the cause and where to look. */
export function createAlarms(factory: AlarmFactory, c: AlarmContext): { [alarm: string]: cloudwatch.Alarm } {
  const p = c.plan;
  const m = c.metrics;
  const specs: { [alarm: string]: () => cloudwatch.Alarm } = {
    [MonitoringAlarm.SERVER_ERROR_RATE]: () => factory.alarm({
      what: MonitoringAlarm.SERVER_ERROR_RATE,
      metric: m.serverErrorRate,
      threshold: p.serverErrorRateThreshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      sensitivity: Sensitivity.TREND,
      description: `More than ${percent(p.serverErrorRateThreshold)} of requests to ${c.apiAt} got a 5XX ${TREND} ` +
        `(minutes with at least ${p.minimumRequests} requests). The cause (timeout, function error, permission) is in errorType; a Lambda throttle is INTEGRATION_FAILURE with lambdaStatus 429. ${c.where(SavedQuery.FAILURES_BY_CAUSE)}`,
    }),
    [MonitoringAlarm.INTEGRATION_LATENCY]: () => factory.alarm({
      what: MonitoringAlarm.INTEGRATION_LATENCY,
      metric: m.gatedIntegrationLatency,
      threshold: Math.round(c.integrationTimeoutMs * p.integrationLatencyThreshold),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      sensitivity: Sensitivity.TREND,
      description: `Integration latency p99 of ${c.apiAt} is above ${percent(p.integrationLatencyThreshold)} of the ${c.integrationTimeoutMs} ms ` +
        `integration timeout ${TREND} (minutes with at least ${p.minimumRequests} requests): the function is close to timing out (slow dependency, cold starts, too little memory). ${c.where(SavedQuery.SLOWEST_REQUESTS)}`,
    }),
    [MonitoringAlarm.INTEGRATION_TIMEOUTS]: () => factory.alarm({
      what: MonitoringAlarm.INTEGRATION_TIMEOUTS,
      metric: c.integrationTimeoutMetric,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      sensitivity: Sensitivity.ANY,
      description: `Requests to ${c.apiAt} timed out (INTEGRATION_TIMEOUT, 504) in the last ${EVALUATION_PERIODS} minutes: the function ran past the ` +
        `${c.integrationTimeoutMs} ms integration timeout, and may still be running. ${c.where(SavedQuery.TIMEOUTS_BY_PATH)}`,
    }),
    [MonitoringAlarm.LAMBDA_ERROR_RATE]: () => factory.alarm({
      what: MonitoringAlarm.LAMBDA_ERROR_RATE,
      metric: m.lambdaErrorRate!,
      threshold: p.lambdaErrorRateThreshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      sensitivity: Sensitivity.TREND,
      description: `More than ${percent(p.lambdaErrorRateThreshold)} of invocations of ${c.handlerName} (behind ${c.apiAt}) failed ${TREND} ` +
        `(minutes with at least ${p.minimumRequests} invocations): the function threw or timed out. Function logs: /aws/lambda/${c.handlerName} unless set otherwise. ` +
        `${c.where(SavedQuery.API_TO_LAMBDA_REQUEST_ID)}`,
    }),
    [MonitoringAlarm.LAMBDA_THROTTLES]: () => factory.alarm({
      what: MonitoringAlarm.LAMBDA_THROTTLES,
      metric: m.lambdaThrottles!,
      threshold: p.lambdaThrottlesThreshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      sensitivity: Sensitivity.TREND,
      description: `Lambda throttled ${c.handlerName} (behind ${c.apiAt}) ${TREND}: reserved or account concurrency is used up, and clients get 5XX ` +
        `(in the access log: errorType INTEGRATION_FAILURE with lambdaStatus 429, counted as LambdaThrottle). Raise the concurrency or lower the stage's throttlingBurstLimit so callers get 429 instead. ${c.where(SavedQuery.FAILURES_BY_CAUSE)}`,
    }),
    [MonitoringAlarm.LAMBDA_DURATION]: () => factory.alarm({
      what: MonitoringAlarm.LAMBDA_DURATION,
      metric: m.gatedLambdaDuration!,
      threshold: Math.round((c.functionTimeoutMs ?? 0) * p.lambdaDurationThreshold),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      sensitivity: Sensitivity.TREND,
      description: `Duration p99 of ${c.handlerName} (behind ${c.apiAt}) is above ${percent(p.lambdaDurationThreshold)} of its ` +
        `${c.functionTimeoutMs} ms timeout ${TREND} (minutes with at least ${p.minimumRequests} invocations): it is about to time out. Function logs: /aws/lambda/${c.handlerName} unless set otherwise. ${c.where(SavedQuery.SLOWEST_REQUESTS)}`,
    }),
  };
  return Object.fromEntries(p.alarms.map((alarm) => [alarm, specs[alarm]()]));
}

/** What the composite "unhealthy" alarm is built from. */
export interface UnhealthyAlarmContext {
  readonly plan: MonitoringPlan;
  readonly alarms: cloudwatch.Alarm[];
  readonly apiAt: string;
  readonly namePrefix: string;
  readonly where: (query: SavedQuery) => string;
}

/** The composite alarm "this API is unhealthy": in ALARM while any of the alarms is; one action to wire. */
export function createUnhealthyAlarm(factory: AlarmFactory, c: UnhealthyAlarmContext): cloudwatch.CompositeAlarm {
  return factory.anyOf('Unhealthy', c.alarms,
    `${c.apiAt} is unhealthy: one of the alarms ${c.namePrefix}-{${c.plan.alarms.join(',')}} is in ALARM. ` +
    'The console shows which (set notifyEachAlarm to be told directly); each one\'s description says what broke and where to look. ' +
    `${c.where(SavedQuery.FAILURES_BY_CAUSE)}`);
}
