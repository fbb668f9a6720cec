import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { FAILURE_CAUSES } from './failure-metrics';
import { MonitoringAlarm, MonitoringOptions } from './options';
import { SavedQuery } from './queries';

/** What monitoring creates that CloudWatch bills for. */
export interface MonitoringInventory {
  /** Metrics watched by standard alarms, counting each metric of a metric-math alarm. */
  readonly alarmMetrics: number;
  /** Composite alarms. */
  readonly compositeAlarms: number;
  /** Custom metrics published by metric filters. */
  readonly customMetrics: number;
  /** Dashboards. */
  readonly dashboards: number;
  /** Saved Logs Insights queries. */
  readonly queryDefinitions: number;
}

/** Everything monitoring does, with the defaults filled in and the inputs checked. */
export interface MonitoringPlan {
  readonly enabled: boolean;
  readonly alarmActions: cloudwatch.IAlarmAction[];
  readonly okActions: cloudwatch.IAlarmAction[];
  readonly notifyEachAlarm: boolean;
  readonly serverErrorRateThreshold: number;
  readonly minimumRequests: number;
  readonly integrationLatencyThreshold: number;
  readonly lambdaErrorRateThreshold: number;
  readonly lambdaThrottlesThreshold: number;
  readonly lambdaDurationThreshold: number;
  /** The alarms to create, in order. */
  readonly alarms: MonitoringAlarm[];
  readonly unhealthyAlarm: boolean;
  readonly failureMetrics: boolean;
  readonly savedQueries: boolean;
  readonly dashboard: boolean;
  /** What it bills for. */
  readonly inventory: MonitoringInventory;
  /** Risky-but-legal choices: warning id (without the library prefix) to message. */
  readonly warnings: { [id: string]: string };
}

/** What the plan needs to know besides the options. */
export interface MonitoringContext {
  /** Whether there is an access log group to count failures in. */
  readonly hasAccessLogGroup: boolean;
  /** Whether the function's timeout is known. */
  readonly functionTimeoutKnown: boolean;
  /** Whether there is a function to watch; without one, no Lambda alarms. Default true. */
  readonly hasFunction?: boolean;
}

/** The alarms that watch the function rather than the API. */
export const LAMBDA_ALARMS: string[] = [MonitoringAlarm.LAMBDA_ERROR_RATE, MonitoringAlarm.LAMBDA_THROTTLES, MonitoringAlarm.LAMBDA_DURATION];

/** Metrics each alarm watches (what it is billed for). */
export const ALARM_METRIC_COUNT: { [alarm: string]: number } = {
  [MonitoringAlarm.SERVER_ERROR_RATE]: 2,
  [MonitoringAlarm.INTEGRATION_LATENCY]: 2,
  [MonitoringAlarm.INTEGRATION_TIMEOUTS]: 2,
  [MonitoringAlarm.LAMBDA_ERROR_RATE]: 3,
  [MonitoringAlarm.LAMBDA_THROTTLES]: 1,
  [MonitoringAlarm.LAMBDA_DURATION]: 2,
};

/** Above this share of the timeout, a latency alarm fires only once requests already time out. */
export const NEAR_TIMEOUT_FRACTION = 0.95;

/** Above this error rate users complain before the alarm fires. */
export const HIGH_ERROR_RATE = 0.1;

const NAME_PREFIX = /^[A-Za-z0-9_.-]+$/;

function fraction(errors: string[], property: string, value: number | undefined, fallback: number, allowZero: boolean): number {
  if (value === undefined) {
    return fallback;
  }
  const ok = typeof value === 'number' && (allowZero ? value >= 0 : value > 0) && value < 1;
  if (!ok) {
    errors.push(`monitoring.${property} must be a fraction ${allowZero ? 'from 0' : 'above 0'} and below 1 (0.01 is 1 %); got ${value}`);
  }
  return value;
}

function wholeNumber(errors: string[], property: string, value: number | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  if (!(Number.isInteger(value) && value >= 1)) {
    errors.push(`monitoring.${property} must be a whole number, 1 or more; got ${value}`);
  }
  return value;
}

/**
 * Fills in the defaults, checks the options and decides what to create. Pure: the construct
 * throws the errors, turns the warnings into annotations and builds what the plan says.
 */
export function planMonitoring(options: MonitoringOptions | undefined, context: MonitoringContext): { plan: MonitoringPlan; errors: string[] } {
  const o = options ?? {};
  const errors: string[] = [];
  const warnings: { [id: string]: string } = {};
  const serverErrorRateThreshold = fraction(errors, 'serverErrorRateThreshold', o.serverErrorRateThreshold, 0.01, true);
  const lambdaErrorRateThreshold = fraction(errors, 'lambdaErrorRateThreshold', o.lambdaErrorRateThreshold, 0.01, true);
  const integrationLatencyThreshold = fraction(errors, 'integrationLatencyThreshold', o.integrationLatencyThreshold, 0.8, false);
  const lambdaDurationThreshold = fraction(errors, 'lambdaDurationThreshold', o.lambdaDurationThreshold, 0.8, false);
  const minimumRequests = wholeNumber(errors, 'minimumRequests', o.minimumRequests, 10);
  const lambdaThrottlesThreshold = wholeNumber(errors, 'lambdaThrottlesThreshold', o.lambdaThrottlesThreshold, 1);
  if (o.alarmNamePrefix !== undefined && !NAME_PREFIX.test(o.alarmNamePrefix)) {
    errors.push(`monitoring.alarmNamePrefix may hold letters, digits and -_. only; got '${o.alarmNamePrefix}'`);
  }
  const enabled = o.enabled ?? true;
  const failureMetrics = enabled && (o.failureMetrics ?? true) && context.hasAccessLogGroup;
  const savedQueries = enabled && (o.savedQueries ?? true) && context.hasAccessLogGroup;
  const disabled = new Set(o.disabledAlarms ?? []);
  const alarms = enabled
    ? Object.values(MonitoringAlarm).filter((a) => !disabled.has(a) &&
      (a !== MonitoringAlarm.INTEGRATION_TIMEOUTS || failureMetrics) &&
      (a !== MonitoringAlarm.LAMBDA_DURATION || context.functionTimeoutKnown) &&
      (context.hasFunction !== false || !LAMBDA_ALARMS.includes(a)))
    : [];
  const unhealthyAlarm = (o.unhealthyAlarm ?? true) && alarms.length > 0;
  const dashboard = enabled && (o.dashboard ?? false);

  if (enabled && !context.hasAccessLogGroup) {
    warnings.monitoringWithoutAccessLogGroup = 'The access logs go to a destination of your own, so monitoring cannot count failures by cause: ' +
      'no metric filters, no integration timeouts alarm, no saved queries. Let the construct create the access log group to get them.';
  }
  if (alarms.includes(MonitoringAlarm.INTEGRATION_LATENCY) && integrationLatencyThreshold >= NEAR_TIMEOUT_FRACTION) {
    warnings.integrationLatencyThresholdNearTimeout = `monitoring.integrationLatencyThreshold ${integrationLatencyThreshold} is so close to the integration timeout ` +
      'that the latency alarm fires only once requests already time out. Keep it at 0.9 or below to hear before users do.';
  }
  if (alarms.includes(MonitoringAlarm.SERVER_ERROR_RATE) && serverErrorRateThreshold > HIGH_ERROR_RATE) {
    warnings.highServerErrorRateThreshold = `monitoring.serverErrorRateThreshold ${serverErrorRateThreshold} lets more than one request in ten fail ` +
      'before the alarm fires; users will notice first.';
  }
  const inventory: MonitoringInventory = {
    alarmMetrics: alarms.reduce((sum, a) => sum + ALARM_METRIC_COUNT[a], 0),
    compositeAlarms: unhealthyAlarm ? 1 : 0,
    customMetrics: failureMetrics ? FAILURE_CAUSES.length : 0,
    dashboards: dashboard ? 1 : 0,
    queryDefinitions: savedQueries ? Object.values(SavedQuery).length : 0,
  };
  return {
    errors,
    plan: {
      enabled,
      alarmActions: o.alarmActions ?? [],
      okActions: o.okActions ?? [],
      notifyEachAlarm: o.notifyEachAlarm ?? false,
      serverErrorRateThreshold,
      minimumRequests,
      integrationLatencyThreshold,
      lambdaErrorRateThreshold,
      lambdaThrottlesThreshold,
      lambdaDurationThreshold,
      alarms,
      unhealthyAlarm,
      failureMetrics,
      savedQueries,
      dashboard,
      inventory,
      warnings,
    },
  };
}
