import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ACCESS_LOG_FIELDS } from './access-log-format';
import { ALARM_PERIOD, AlarmFactory, EVALUATION_PERIODS, Sensitivity } from './alarm-factory';
import { WARNING_PREFIX } from './checks';
import { handlerFacts } from './defaults';

/**
 * The alarms of `ResilientApiMonitoring`, for switching some off. The value is the end of the
 * alarm's name.
 */
export enum MonitoringAlarm {
  /** 5XX responses as a share of requests, in minutes with enough requests. */
  SERVER_ERROR_RATE = 'ServerErrorRate',
  /** Integration latency p99 approaching the integration timeout. */
  INTEGRATION_LATENCY = 'IntegrationLatency',
  /** Any integration timeout, counted from the access log. */
  INTEGRATION_TIMEOUTS = 'IntegrationTimeouts',
  /** Lambda errors as a share of invocations. */
  LAMBDA_ERROR_RATE = 'LambdaErrorRate',
  /** Lambda throttles. */
  LAMBDA_THROTTLES = 'LambdaThrottles',
  /** Lambda duration p99 approaching the function's own timeout. */
  LAMBDA_DURATION = 'LambdaDuration',
}

/**
 * What to monitor and whom to tell. Every part is on by default except the dashboard.
 */
export interface MonitoringOptions {
  /**
   * Whether to create the metric filters, alarms and saved queries at all.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Actions when an alarm goes into ALARM, for example `new actions.SnsAction(topic)`. They go on
   * the composite "unhealthy" alarm (one notification per incident), and on every alarm when
   * `notifyEachAlarm` is true or the composite alarm is off. Without actions the alarms still exist.
   *
   * @default - no actions
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];

  /**
   * Actions when an alarm goes back to OK, on the same alarms as `alarmActions`.
   *
   * @default - no actions
   */
  readonly okActions?: cloudwatch.IAlarmAction[];

  /**
   * Whether every alarm gets the actions, not only the composite one. Each alarm's notification
   * names its cause; the composite's names the API.
   *
   * @default false
   */
  readonly notifyEachAlarm?: boolean;

  /**
   * The start of every alarm and saved query name: `<prefix>-ServerErrorRate`, `<prefix>/FailuresByCause`.
   * Letters, digits and `-_.` only.
   *
   * @default - `<stack name>-<API path in the stack>-<stage name>`
   */
  readonly alarmNamePrefix?: string;

  /**
   * The share of requests answered with 5XX, from 0 to 1, above which the server error rate alarm fires.
   *
   * @default 0.01
   */
  readonly serverErrorRateThreshold?: number;

  /**
   * The fewest requests (or Lambda invocations) in a minute for that minute's error rate to count;
   * quieter minutes count as healthy, so one error out of two requests does not alarm. A whole number, 1 or more.
   *
   * @default 10
   */
  readonly minimumRequests?: number;

  /**
   * Integration latency p99 above this share of the integration timeout (from 0 to 1) fires the
   * integration latency alarm.
   *
   * @default 0.8
   */
  readonly integrationLatencyThreshold?: number;

  /**
   * The share of Lambda invocations that fail, from 0 to 1, above which the Lambda error rate alarm fires.
   *
   * @default 0.01
   */
  readonly lambdaErrorRateThreshold?: number;

  /**
   * Lambda throttles in a minute (a whole number, 1 or more) at which that minute breaches.
   *
   * @default 1
   */
  readonly lambdaThrottlesThreshold?: number;

  /**
   * Lambda duration p99 above this share of the function's timeout (from 0 to 1) fires the Lambda
   * duration alarm. The alarm exists only where the function's timeout is known.
   *
   * @default 0.8
   */
  readonly lambdaDurationThreshold?: number;

  /**
   * Alarms not to create.
   *
   * @default - none: every alarm is created
   */
  readonly disabledAlarms?: MonitoringAlarm[];

  /**
   * Whether to create the composite alarm "this API is unhealthy" over the other alarms.
   *
   * @default true
   */
  readonly unhealthyAlarm?: boolean;

  /**
   * Whether to count failures by cause from the access log (metric filters). Without them there
   * is no integration timeouts alarm.
   *
   * @default true
   */
  readonly failureMetrics?: boolean;

  /**
   * Whether to save the Logs Insights queries on the access log group.
   *
   * @default true
   */
  readonly savedQueries?: boolean;

  /**
   * Whether to create a CloudWatch dashboard (US$3 a month).
   *
   * @default false
   */
  readonly dashboard?: boolean;
}

/**
 * Properties of `ResilientApiMonitoring`.
 */
export interface ResilientApiMonitoringProps {
  /** The API to monitor. */
  readonly api: apigateway.IRestApi;

  /** The stage to monitor, by its literal name (not a reference to the Stage). */
  readonly stageName: string;

  /**
   * The stage's access log group, with lines in the format of this library.
   *
   * @default - no metric filters, integration timeouts alarm or saved queries
   */
  readonly accessLogGroup?: logs.ILogGroup;

  /**
   * The name of the stage's execution log group, named in alarm descriptions.
   *
   * @default - not named
   */
  readonly executionLogGroupName?: string;

  /** The function behind the API. */
  readonly handler: lambda.IFunction;

  /** The integration timeout in force. */
  readonly integrationTimeout: Duration;

  /**
   * The function's own timeout.
   *
   * @default - read from the function where it is defined in this app; unknown (no duration alarm) for an imported one
   */
  readonly functionTimeout?: Duration;

  /**
   * What to monitor and whom to tell.
   *
   * @default - every default of `MonitoringOptions`
   */
  readonly options?: MonitoringOptions;
}

/** One failure cause counted from the access log. */
export interface FailureCause {
  /** The gateway response type, as in `$context.error.responseType`. */
  readonly responseType: string;
  /** The metric it is counted in. */
  readonly metricName: string;
  /** What it means, for descriptions. */
  readonly meaning: string;
}

/** The failure causes counted from the access log, one metric filter each. */
export const FAILURE_CAUSES: FailureCause[] = [
  { responseType: 'INTEGRATION_TIMEOUT', metricName: 'IntegrationTimeout', meaning: 'the function ran past the integration timeout (504)' },
  { responseType: 'INTEGRATION_FAILURE', metricName: 'IntegrationFailure', meaning: 'the function threw, was throttled or returned a malformed response' },
  { responseType: 'API_CONFIGURATION_ERROR', metricName: 'ApiConfigurationError', meaning: 'API Gateway could not call the function (invoke permission, configuration)' },
  { responseType: 'THROTTLED', metricName: 'Throttled', meaning: 'the stage or a usage plan throttled callers (429)' },
];

/** The namespace of the failure metrics; their dimensions `ApiId` and `Stage` name the API and stage. */
export const FAILURE_METRICS_NAMESPACE = 'ResilientLambdaRestApi';

/** The name of the access log field holding a `$context` variable; throws where the format has none. */
export function accessLogField(variable: string): string {
  const entry = Object.entries(ACCESS_LOG_FIELDS).find(([, v]) => v === variable);
  if (!entry) {
    throw new Error(`The access log format has no field for ${variable}; monitoring needs it`);
  }
  return entry[0];
}

/** The access log fields monitoring reads, found by their `$context` variable so a renamed field follows. */
export const LOG_FIELDS = {
  requestId: accessLogField('$context.requestId'),
  extendedRequestId: accessLogField('$context.extendedRequestId'),
  apiId: accessLogField('$context.apiId'),
  stage: accessLogField('$context.stage'),
  httpMethod: accessLogField('$context.httpMethod'),
  resourcePath: accessLogField('$context.resourcePath'),
  path: accessLogField('$context.path'),
  status: accessLogField('$context.status'),
  responseLatency: accessLogField('$context.responseLatency'),
  errorType: accessLogField('$context.error.responseType'),
  errorMessage: accessLogField('$context.error.messageString'),
  integrationStatus: accessLogField('$context.integration.status'),
  integrationError: accessLogField('$context.integration.error'),
  integrationLatency: accessLogField('$context.integration.latency'),
  integrationRequestId: accessLogField('$context.integration.requestId'),
  xrayTraceId: accessLogField('$context.xrayTraceId'),
};

/**
 * The metric filter pattern for one gateway response type. A string comparison: every value in
 * the access log line is a quoted string.
 */
export function failureFilterPattern(responseType: string): string {
  return `{ $.${LOG_FIELDS.errorType} = "${responseType}" }`;
}

/** The metric filter dimensions: the API id and stage, read from the log line itself. */
export function failureMetricDimensions(): { [name: string]: string } {
  return { ApiId: `$.${LOG_FIELDS.apiId}`, Stage: `$.${LOG_FIELDS.stage}` };
}

/** The saved Logs Insights queries, by the end of their name. */
export enum SavedQuery {
  FAILURES_BY_CAUSE = 'FailuresByCause',
  SLOWEST_REQUESTS = 'SlowestRequests',
  TIMEOUTS_BY_PATH = 'TimeoutsByPath',
  API_TO_LAMBDA_REQUEST_ID = 'ApiToLambdaRequestId',
}

/** The text of a saved query. Numbers are quoted strings in the log, hence `* 1`. */
export function savedQueryString(query: SavedQuery): string {
  const f = LOG_FIELDS;
  const isFailure = `${f.status} like /^5/ or ${f.errorType} != "-"`;
  switch (query) {
    case SavedQuery.FAILURES_BY_CAUSE:
      return [
        '# Failures by gateway response type; errorType "-" with a 5XX status: the function itself returned it',
        `filter ${isFailure}`,
        `| stats count(*) as failures by ${f.errorType}, ${f.status}, ${f.integrationStatus}`,
        '| sort failures desc',
      ].join('\n');
    case SavedQuery.SLOWEST_REQUESTS:
      return [
        `fields @timestamp, ${f.httpMethod}, ${f.resourcePath}, ${f.status}, ${f.errorType}, ${f.responseLatency} * 1 as responseMs, ` +
          `${f.integrationLatency} * 1 as integrationMs, ${f.requestId}, ${f.integrationRequestId}`,
        '| sort responseMs desc',
        '| limit 50',
      ].join('\n');
    case SavedQuery.TIMEOUTS_BY_PATH:
      return [
        `filter ${f.errorType} = "INTEGRATION_TIMEOUT"`,
        `| stats count(*) as timeouts, max(${f.integrationLatency} * 1) as maxIntegrationMs by ${f.httpMethod}, ${f.resourcePath}`,
        '| sort timeouts desc',
      ].join('\n');
    case SavedQuery.API_TO_LAMBDA_REQUEST_ID:
      return [
        '# The Lambda request id (search it in the function\'s log group) of each API request.',
        '# For one request, uncomment the next line and put the id from the error body or the x-amzn-RequestId header.',
        `# | filter ${f.requestId} = "REQUEST_ID" or ${f.extendedRequestId} = "REQUEST_ID"`,
        `fields @timestamp, ${f.requestId}, ${f.integrationRequestId} as lambdaRequestId, ${f.xrayTraceId}, ${f.status}, ${f.errorType}, ` +
          `${f.httpMethod}, ${f.path}`,
        `| filter ${isFailure}`,
        '| sort @timestamp desc',
        '| limit 100',
      ].join('\n');
  }
}

/**
 * CloudWatch list prices used for the cost estimate: us-east-1, first tier, no free tier, in US
 * cents per month. Taken 2026-11-23 from the public CloudWatch pricing page.
 */
export const CLOUDWATCH_PRICES_CENTS = {
  /** A standard-resolution alarm, per metric it watches (a metric-math alarm pays for each metric in it). */
  alarmMetric: 10,
  /** A composite alarm. */
  compositeAlarm: 50,
  /** A custom metric published every hour of the month (prorated by the hour it is published in). */
  customMetric: 30,
  /** A dashboard. */
  dashboard: 300,
  /** A saved Logs Insights query definition. */
  queryDefinition: 0,
};

/** The date the prices were taken. */
export const CLOUDWATCH_PRICES_DATE = '2026-11-23';

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

/** The monthly cost of monitoring, in US dollars. */
export interface MonitoringCost {
  /** Alarms, composite alarm and dashboard: billed every month whatever the traffic. */
  readonly fixedUsd: number;
  /**
   * The failure metrics if every one of them is published every hour of the month. They have no
   * default value, so they publish (and bill, by the hour) only in hours when that failure occurs.
   */
  readonly customMetricsMaxUsd: number;
  /** Both together: the most a month can cost. */
  readonly maxUsd: number;
}

/** The monthly cost of what monitoring creates, at list prices. */
export function estimateMonthlyCost(inventory: MonitoringInventory): MonitoringCost {
  const p = CLOUDWATCH_PRICES_CENTS;
  const fixed = inventory.alarmMetrics * p.alarmMetric + inventory.compositeAlarms * p.compositeAlarm +
    inventory.dashboards * p.dashboard + inventory.queryDefinitions * p.queryDefinition;
  const custom = inventory.customMetrics * p.customMetric;
  return { fixedUsd: fixed / 100, customMetricsMaxUsd: custom / 100, maxUsd: (fixed + custom) / 100 };
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
}

/** Metrics each alarm watches (what it is billed for). */
const ALARM_METRIC_COUNT: { [alarm: string]: number } = {
  [MonitoringAlarm.SERVER_ERROR_RATE]: 2,
  [MonitoringAlarm.INTEGRATION_LATENCY]: 1,
  [MonitoringAlarm.INTEGRATION_TIMEOUTS]: 1,
  [MonitoringAlarm.LAMBDA_ERROR_RATE]: 2,
  [MonitoringAlarm.LAMBDA_THROTTLES]: 1,
  [MonitoringAlarm.LAMBDA_DURATION]: 1,
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
      (a !== MonitoringAlarm.LAMBDA_DURATION || context.functionTimeoutKnown))
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

/** The cost of monitoring at its defaults, for a function whose timeout is known. */
export function defaultMonitoringCost(): MonitoringCost {
  return estimateMonthlyCost(planMonitoring(undefined, { hasAccessLogGroup: true, functionTimeoutKnown: true }).plan.inventory);
}

/** What each alarm watches and means, for the README table. */
const ALARM_SUMMARIES: { [alarm: string]: { metric: string; fires: (plan: MonitoringPlan) => string; means: string } } = {
  [MonitoringAlarm.SERVER_ERROR_RATE]: {
    metric: '`AWS/ApiGateway` `5XXError` Sum / `Count` Sum (`ApiName`, `Stage`)',
    fires: (p) => `rate > ${p.serverErrorRateThreshold} in ${Sensitivity.TREND} of ${EVALUATION_PERIODS} minutes; minutes with < ${p.minimumRequests} requests count as 0`,
    means: 'Clients are getting 5XX; `errorType` in the access log says why',
  },
  [MonitoringAlarm.INTEGRATION_LATENCY]: {
    metric: '`AWS/ApiGateway` `IntegrationLatency` p99 (`ApiName`, `Stage`)',
    fires: (p) => `p99 > ${p.integrationLatencyThreshold} × integration timeout in ${Sensitivity.TREND} of ${EVALUATION_PERIODS} minutes`,
    means: 'The function is getting close to the integration timeout; 504s come next',
  },
  [MonitoringAlarm.INTEGRATION_TIMEOUTS]: {
    metric: `\`${FAILURE_METRICS_NAMESPACE}\` \`IntegrationTimeout\` Sum (\`ApiId\`, \`Stage\`), from the access log`,
    fires: () => `≥ 1 in any 1 of ${EVALUATION_PERIODS} minutes`,
    means: 'A request timed out (504) and the function may still be running',
  },
  [MonitoringAlarm.LAMBDA_ERROR_RATE]: {
    metric: '`AWS/Lambda` `Errors` Sum / `Invocations` Sum (`FunctionName`)',
    fires: (p) => `rate > ${p.lambdaErrorRateThreshold} in ${Sensitivity.TREND} of ${EVALUATION_PERIODS} minutes; minutes with < ${p.minimumRequests} invocations count as 0`,
    means: 'The function throws or times out (a bug or a failing dependency)',
  },
  [MonitoringAlarm.LAMBDA_THROTTLES]: {
    metric: '`AWS/Lambda` `Throttles` Sum (`FunctionName`)',
    fires: (p) => `≥ ${p.lambdaThrottlesThreshold} in ${Sensitivity.TREND} of ${EVALUATION_PERIODS} minutes`,
    means: 'Concurrency is used up; clients get 5XX (INTEGRATION_FAILURE)',
  },
  [MonitoringAlarm.LAMBDA_DURATION]: {
    metric: '`AWS/Lambda` `Duration` p99 (`FunctionName`)',
    fires: (p) => `p99 > ${p.lambdaDurationThreshold} × function timeout in ${Sensitivity.TREND} of ${EVALUATION_PERIODS} minutes (only where the timeout is known)`,
    means: 'The function is getting close to its own timeout',
  },
};

/** The README table of the default alarms, from the defaults in force. */
export function renderAlarmTable(): string {
  const { plan } = planMonitoring(undefined, { hasAccessLogGroup: true, functionTimeoutKnown: true });
  const rows = plan.alarms.map((a) => {
    const summary = ALARM_SUMMARIES[a];
    return `| \`<prefix>-${a}\` | ${summary.metric} | ${summary.fires(plan)} | ${summary.means} |`;
  });
  return [
    '| Alarm | Metric | Fires when | Means |',
    '|---|---|---|---|',
    ...rows,
    '| `<prefix>-Unhealthy` (composite) | the alarms above | any of them is in ALARM | This API is unhealthy: one action to wire |',
  ].join('\n');
}

function usd(value: number): string {
  return `US$${value.toFixed(2)}`;
}

/** The README table of the monthly cost at defaults, from the prices and the default inventory. */
export function renderCostTable(): string {
  const p = CLOUDWATCH_PRICES_CENTS;
  const inv = planMonitoring(undefined, { hasAccessLogGroup: true, functionTimeoutKnown: true }).plan.inventory;
  const cost = estimateMonthlyCost(inv);
  return [
    `| Item (list prices of ${CLOUDWATCH_PRICES_DATE}, us-east-1) | Count | Unit price | Per month |`,
    '|---|---|---|---|',
    `| Alarm metrics (a metric-math alarm counts each metric in it) | ${inv.alarmMetrics} | ${usd(p.alarmMetric / 100)} | ${usd(inv.alarmMetrics * p.alarmMetric / 100)} |`,
    `| Composite alarm | ${inv.compositeAlarms} | ${usd(p.compositeAlarm / 100)} | ${usd(inv.compositeAlarms * p.compositeAlarm / 100)} |`,
    `| Saved Logs Insights queries | ${inv.queryDefinitions} | free | ${usd(0)} |`,
    `| **Fixed** | | | **${usd(cost.fixedUsd)}** |`,
    `| Failure metrics, billed by the hour only in hours they publish | ${inv.customMetrics} | ${usd(p.customMetric / 100)} a full month | ${usd(0)} to ${usd(cost.customMetricsMaxUsd)} |`,
    `| **Total** | | | **${usd(cost.fixedUsd)} to ${usd(cost.maxUsd)}** |`,
    `| Dashboard (\`dashboard: true\`, off by default) | 0 | ${usd(p.dashboard / 100)} | ${usd(0)} |`,
  ].join('\n');
}

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

/**
 * Metric filters that count failures by cause, alarms that name the cause, one composite
 * "this API is unhealthy" alarm, saved Logs Insights queries and an optional dashboard, for one
 * stage of a REST API backed by one Lambda function.
 *
 * The alarms and metrics are public, to feed monitoring of your own.
 */
export class ResilientApiMonitoring extends Construct {
  /** The start of every alarm and saved query name. */
  public readonly alarmNamePrefix: string;

  /** Requests to the stage per minute (`AWS/ApiGateway` `Count`, Sum). */
  public readonly requestCountMetric: cloudwatch.Metric;

  /** 5XX responses per minute (`AWS/ApiGateway` `5XXError`, Sum). */
  public readonly serverErrorCountMetric: cloudwatch.Metric;

  /** 4XX responses per minute (`AWS/ApiGateway` `4XXError`, Sum). */
  public readonly clientErrorCountMetric: cloudwatch.Metric;

  /** The share of requests answered with 5XX, 0 in minutes with fewer than `minimumRequests` requests. */
  public readonly serverErrorRateMetric: cloudwatch.MathExpression;

  /** Integration latency p99, in milliseconds. */
  public readonly integrationLatencyMetric: cloudwatch.Metric;

  /** Latency p99 (as clients see it), in milliseconds. */
  public readonly latencyMetric: cloudwatch.Metric;

  /** Lambda errors per minute (`AWS/Lambda` `Errors`, Sum). */
  public readonly lambdaErrorCountMetric: cloudwatch.Metric;

  /** Lambda invocations per minute (`AWS/Lambda` `Invocations`, Sum). */
  public readonly lambdaInvocationsMetric: cloudwatch.Metric;

  /** The share of Lambda invocations that failed, 0 in minutes with fewer than `minimumRequests` invocations. */
  public readonly lambdaErrorRateMetric: cloudwatch.MathExpression;

  /** Lambda throttles per minute. */
  public readonly lambdaThrottlesMetric: cloudwatch.Metric;

  /** Lambda duration p99, in milliseconds. */
  public readonly lambdaDurationMetric: cloudwatch.Metric;

  /** The function's concurrent executions, maximum per minute. */
  public readonly lambdaConcurrencyMetric: cloudwatch.Metric;

  /** Failures per minute by gateway response type (INTEGRATION_TIMEOUT, ...), counted from the access log. */
  public readonly failureMetrics: { [responseType: string]: cloudwatch.Metric };

  /** The metric filters behind `failureMetrics`, by gateway response type. */
  public readonly metricFilters: { [responseType: string]: logs.MetricFilter };

  /** Every metric alarm, in the order of `MonitoringAlarm`. */
  public readonly alarms: cloudwatch.Alarm[];

  /** 5XX rate above the threshold in 3 of 5 minutes with enough requests. */
  public readonly serverErrorRateAlarm?: cloudwatch.Alarm;

  /** Integration latency p99 near the integration timeout in 3 of 5 minutes. */
  public readonly integrationLatencyAlarm?: cloudwatch.Alarm;

  /** Any integration timeout in the last 5 minutes. */
  public readonly integrationTimeoutAlarm?: cloudwatch.Alarm;

  /** Lambda error rate above the threshold in 3 of 5 minutes with enough invocations. */
  public readonly lambdaErrorRateAlarm?: cloudwatch.Alarm;

  /** Lambda throttles in 3 of 5 minutes. */
  public readonly lambdaThrottlesAlarm?: cloudwatch.Alarm;

  /** Lambda duration p99 near the function's timeout in 3 of 5 minutes. */
  public readonly lambdaDurationAlarm?: cloudwatch.Alarm;

  /** "This API is unhealthy": in ALARM while any other alarm is. */
  public readonly unhealthyAlarm?: cloudwatch.CompositeAlarm;

  /** Saved query: failures by cause and status. */
  public readonly failuresByCauseQuery?: logs.QueryDefinition;

  /** Saved query: the slowest requests. */
  public readonly slowestRequestsQuery?: logs.QueryDefinition;

  /** Saved query: integration timeouts by method and resource path. */
  public readonly timeoutsByPathQuery?: logs.QueryDefinition;

  /** Saved query: each API request id with the Lambda request id it led to. */
  public readonly requestIdQuery?: logs.QueryDefinition;

  /** The dashboard, where asked for. */
  public readonly dashboard?: cloudwatch.Dashboard;

  /** What this monitoring costs a month at list prices. */
  public readonly monthlyCost: MonitoringCost;

  constructor(scope: Construct, id: string, props: ResilientApiMonitoringProps) {
    super(scope, id);
    const functionTimeout = props.functionTimeout ?? secondsOrUndefined(handlerFacts(props.handler).timeoutSeconds);
    const { plan, errors } = planMonitoring(props.options, {
      hasAccessLogGroup: props.accessLogGroup !== undefined,
      functionTimeoutKnown: functionTimeout !== undefined,
    });
    if (errors.length > 0) {
      throw new Error(`ResilientApiMonitoring '${id}': ${errors.join('; ')}`);
    }
    for (const [warningId, message] of Object.entries(plan.warnings)) {
      Annotations.of(this).addWarningV2(`${WARNING_PREFIX}:${warningId}`, message);
    }
    this.monthlyCost = estimateMonthlyCost(plan.inventory);
    this.alarmNamePrefix = props.options?.alarmNamePrefix ?? defaultAlarmNamePrefix(props.api, props.stageName);

    // Metrics cost nothing until something alarms on them or graphs them: always defined.
    const apiDimensions = { ApiName: props.api.restApiName, Stage: props.stageName };
    const apiMetric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: apiDimensions, statistic, period: ALARM_PERIOD });
    this.requestCountMetric = apiMetric('Count', cloudwatch.Stats.SUM);
    this.serverErrorCountMetric = apiMetric('5XXError', cloudwatch.Stats.SUM);
    this.clientErrorCountMetric = apiMetric('4XXError', cloudwatch.Stats.SUM);
    this.integrationLatencyMetric = apiMetric('IntegrationLatency', cloudwatch.Stats.p(99));
    this.latencyMetric = apiMetric('Latency', cloudwatch.Stats.p(99));
    this.serverErrorRateMetric = gatedRate('5XX rate', this.serverErrorCountMetric, this.requestCountMetric, plan.minimumRequests);
    const handler = props.handler;
    this.lambdaThrottlesMetric = handler.metricThrottles({ statistic: cloudwatch.Stats.SUM, period: ALARM_PERIOD });
    this.lambdaDurationMetric = handler.metricDuration({ statistic: cloudwatch.Stats.p(99), period: ALARM_PERIOD });
    this.lambdaConcurrencyMetric = handler.metric('ConcurrentExecutions', { statistic: cloudwatch.Stats.MAXIMUM, period: ALARM_PERIOD });
    this.lambdaErrorCountMetric = handler.metricErrors({ statistic: cloudwatch.Stats.SUM, period: ALARM_PERIOD });
    this.lambdaInvocationsMetric = handler.metricInvocations({ statistic: cloudwatch.Stats.SUM, period: ALARM_PERIOD });
    this.lambdaErrorRateMetric = gatedRate('Lambda error rate', this.lambdaErrorCountMetric, this.lambdaInvocationsMetric, plan.minimumRequests);
    this.failureMetrics = {};
    this.metricFilters = {};
    for (const cause of FAILURE_CAUSES) {
      this.failureMetrics[cause.responseType] = new cloudwatch.Metric({
        namespace: FAILURE_METRICS_NAMESPACE,
        metricName: cause.metricName,
        dimensionsMap: { ApiId: props.api.restApiId, Stage: props.stageName },
        statistic: cloudwatch.Stats.SUM,
        period: ALARM_PERIOD,
      });
    }

    const accessLogGroup = props.accessLogGroup;
    if (plan.failureMetrics && accessLogGroup) {
      for (const cause of FAILURE_CAUSES) {
        // No default value: the metric publishes (and bills) only in hours when this failure happens.
        this.metricFilters[cause.responseType] = new logs.MetricFilter(this, `${cause.metricName}Filter`, {
          logGroup: accessLogGroup,
          filterPattern: logs.FilterPattern.literal(failureFilterPattern(cause.responseType)),
          metricNamespace: FAILURE_METRICS_NAMESPACE,
          metricName: cause.metricName,
          metricValue: '1',
          dimensions: failureMetricDimensions(),
          unit: cloudwatch.Unit.COUNT,
        });
      }
    }

    const queryName = (query: SavedQuery) => `${this.alarmNamePrefix}/${query}`;
    if (plan.savedQueries && accessLogGroup) {
      const save = (query: SavedQuery) => new logs.QueryDefinition(this, `${query}Query`, {
        queryDefinitionName: queryName(query),
        queryString: new RawQueryString(savedQueryString(query)),
        logGroups: [accessLogGroup],
      });
      this.failuresByCauseQuery = save(SavedQuery.FAILURES_BY_CAUSE);
      this.slowestRequestsQuery = save(SavedQuery.SLOWEST_REQUESTS);
      this.timeoutsByPathQuery = save(SavedQuery.TIMEOUTS_BY_PATH);
      this.requestIdQuery = save(SavedQuery.API_TO_LAMBDA_REQUEST_ID);
    }

    // Where to look, for every description.
    const where = (query: SavedQuery) => {
      const parts: string[] = [];
      if (accessLogGroup) {
        parts.push(plan.savedQueries
          ? `Run the saved Logs Insights query '${queryName(query)}' on the access log group ${accessLogGroup.logGroupName}.`
          : `Look in the access log group ${accessLogGroup.logGroupName}.`);
      }
      if (props.executionLogGroupName) {
        parts.push(`Execution log group: ${props.executionLogGroupName}.`);
      }
      return parts.join(' ');
    };
    const apiAt = `API ${props.api.restApiName} stage ${props.stageName}`;
    const integrationTimeoutMs = props.integrationTimeout.toMilliseconds();
    const functionTimeoutMs = functionTimeout?.toMilliseconds();
    const trend = `in ${Sensitivity.TREND} of the last ${EVALUATION_PERIODS} minutes`;

    const factory = new AlarmFactory(this, {
      namePrefix: this.alarmNamePrefix,
      alarmActions: plan.alarmActions,
      okActions: plan.okActions,
      actionsOnMetricAlarms: plan.notifyEachAlarm || !plan.unhealthyAlarm,
    });
    const specs: { [alarm: string]: () => cloudwatch.Alarm } = {
      [MonitoringAlarm.SERVER_ERROR_RATE]: () => factory.alarm({
        what: MonitoringAlarm.SERVER_ERROR_RATE,
        metric: this.serverErrorRateMetric,
        threshold: plan.serverErrorRateThreshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        sensitivity: Sensitivity.TREND,
        description: `More than ${percent(plan.serverErrorRateThreshold)} of requests to ${apiAt} got a 5XX ${trend} ` +
          `(minutes with at least ${plan.minimumRequests} requests). The cause (timeout, function error, throttle, permission) is in errorType. ${where(SavedQuery.FAILURES_BY_CAUSE)}`,
      }),
      [MonitoringAlarm.INTEGRATION_LATENCY]: () => factory.alarm({
        what: MonitoringAlarm.INTEGRATION_LATENCY,
        metric: this.integrationLatencyMetric,
        threshold: Math.round(integrationTimeoutMs * plan.integrationLatencyThreshold),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        sensitivity: Sensitivity.TREND,
        description: `Integration latency p99 of ${apiAt} is above ${percent(plan.integrationLatencyThreshold)} of the ${integrationTimeoutMs} ms ` +
          `integration timeout ${trend}: the function is close to timing out (slow dependency, cold starts, too little memory). ${where(SavedQuery.SLOWEST_REQUESTS)}`,
      }),
      [MonitoringAlarm.INTEGRATION_TIMEOUTS]: () => factory.alarm({
        what: MonitoringAlarm.INTEGRATION_TIMEOUTS,
        metric: this.failureMetrics.INTEGRATION_TIMEOUT,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        sensitivity: Sensitivity.ANY,
        description: `Requests to ${apiAt} timed out (INTEGRATION_TIMEOUT, 504) in the last ${EVALUATION_PERIODS} minutes: the function ran past the ` +
          `${integrationTimeoutMs} ms integration timeout, and may still be running. ${where(SavedQuery.TIMEOUTS_BY_PATH)}`,
      }),
      [MonitoringAlarm.LAMBDA_ERROR_RATE]: () => factory.alarm({
        what: MonitoringAlarm.LAMBDA_ERROR_RATE,
        metric: this.lambdaErrorRateMetric,
        threshold: plan.lambdaErrorRateThreshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        sensitivity: Sensitivity.TREND,
        description: `More than ${percent(plan.lambdaErrorRateThreshold)} of invocations of ${handler.functionName} (behind ${apiAt}) failed ${trend} ` +
          `(minutes with at least ${plan.minimumRequests} invocations): the function threw or timed out. Function logs: /aws/lambda/${handler.functionName} unless set otherwise. ` +
          `${where(SavedQuery.API_TO_LAMBDA_REQUEST_ID)}`,
      }),
      [MonitoringAlarm.LAMBDA_THROTTLES]: () => factory.alarm({
        what: MonitoringAlarm.LAMBDA_THROTTLES,
        metric: this.lambdaThrottlesMetric,
        threshold: plan.lambdaThrottlesThreshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        sensitivity: Sensitivity.TREND,
        description: `Lambda throttled ${handler.functionName} (behind ${apiAt}) ${trend}: reserved or account concurrency is used up, and clients get 5XX ` +
          `(INTEGRATION_FAILURE). Raise the concurrency or lower the stage's throttlingBurstLimit so callers get 429 instead. ${where(SavedQuery.FAILURES_BY_CAUSE)}`,
      }),
      [MonitoringAlarm.LAMBDA_DURATION]: () => factory.alarm({
        what: MonitoringAlarm.LAMBDA_DURATION,
        metric: this.lambdaDurationMetric,
        threshold: Math.round((functionTimeoutMs ?? 0) * plan.lambdaDurationThreshold),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        sensitivity: Sensitivity.TREND,
        description: `Duration p99 of ${handler.functionName} (behind ${apiAt}) is above ${percent(plan.lambdaDurationThreshold)} of its ` +
          `${functionTimeoutMs} ms timeout ${trend}: it is about to time out. Function logs: /aws/lambda/${handler.functionName} unless set otherwise. ${where(SavedQuery.SLOWEST_REQUESTS)}`,
      }),
    };
    const built: { [alarm: string]: cloudwatch.Alarm } = {};
    for (const alarm of plan.alarms) {
      built[alarm] = specs[alarm]();
    }
    this.alarms = plan.alarms.map((a) => built[a]);
    this.serverErrorRateAlarm = built[MonitoringAlarm.SERVER_ERROR_RATE];
    this.integrationLatencyAlarm = built[MonitoringAlarm.INTEGRATION_LATENCY];
    this.integrationTimeoutAlarm = built[MonitoringAlarm.INTEGRATION_TIMEOUTS];
    this.lambdaErrorRateAlarm = built[MonitoringAlarm.LAMBDA_ERROR_RATE];
    this.lambdaThrottlesAlarm = built[MonitoringAlarm.LAMBDA_THROTTLES];
    this.lambdaDurationAlarm = built[MonitoringAlarm.LAMBDA_DURATION];

    if (plan.unhealthyAlarm) {
      this.unhealthyAlarm = factory.anyOf('Unhealthy', this.alarms,
        `${apiAt} is unhealthy: one of the alarms ${this.alarmNamePrefix}-{${plan.alarms.join(',')}} is in ALARM. ` +
        'The console shows which (set notifyEachAlarm to be told directly); each one\'s description says what broke and where to look. ' +
        `${where(SavedQuery.FAILURES_BY_CAUSE)}`);
    }

    if (plan.dashboard) {
      this.dashboard = this.createDashboard(integrationTimeoutMs, functionTimeoutMs);
    }
  }

  private createDashboard(integrationTimeoutMs: number, functionTimeoutMs: number | undefined): cloudwatch.Dashboard {
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(3) });
    const rate = (label: string, count: cloudwatch.IMetric, id: string) => new cloudwatch.MathExpression({
      expression: `100 * FILL(${id}, 0) / requests`,
      usingMetrics: { [id]: count, requests: this.requestCountMetric },
      label,
      period: ALARM_PERIOD,
    });
    const widgets: cloudwatch.IWidget[] = [
      new cloudwatch.GraphWidget({ title: 'Requests', left: [this.requestCountMetric], width: 8 }),
      new cloudwatch.GraphWidget({
        title: '4XX and 5XX rate (%)',
        left: [rate('4XX %', this.clientErrorCountMetric, 'clientErrors'), rate('5XX %', this.serverErrorCountMetric, 'serverErrors')],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Latency p99 against integration latency p99 (ms)',
        left: [this.latencyMetric, this.integrationLatencyMetric],
        leftAnnotations: [{ value: integrationTimeoutMs, label: 'Integration timeout', color: cloudwatch.Color.RED }],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Failures by cause (access log)',
        left: FAILURE_CAUSES.map((c) => this.failureMetrics[c.responseType].with({ label: c.responseType })),
        stacked: true,
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda errors and throttles',
        left: [this.lambdaErrorCountMetric, this.lambdaThrottlesMetric],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda duration p99 (ms)',
        left: [this.lambdaDurationMetric],
        leftAnnotations: functionTimeoutMs === undefined ? [] : [{ value: functionTimeoutMs, label: 'Function timeout', color: cloudwatch.Color.RED }],
        width: 8,
      }),
      new cloudwatch.GraphWidget({ title: 'Lambda concurrent executions (max)', left: [this.lambdaConcurrencyMetric], width: 8 }),
    ];
    if (this.alarms.length > 0) {
      widgets.push(new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [...this.alarms, ...(this.unhealthyAlarm ? [this.unhealthyAlarm] : [])],
        width: 16,
      }));
    }
    dashboard.addWidgets(...widgets);
    return dashboard;
  }
}

/** A rate in 0..1 that is 0 in minutes with fewer than `minimum` in the denominator. */
function gatedRate(label: string, count: cloudwatch.IMetric, total: cloudwatch.IMetric, minimum: number): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: gatedRateExpression(minimum),
    usingMetrics: { errors: count, total },
    label: `${label} (0 below ${minimum} a minute)`,
    period: ALARM_PERIOD,
  });
}

/** The metric-math expression of a gated rate over metrics `errors` and `total`. */
export function gatedRateExpression(minimum: number): string {
  return `IF(total >= ${minimum}, FILL(errors, 0) / total, 0)`;
}

function secondsOrUndefined(seconds: number | undefined): Duration | undefined {
  return seconds === undefined ? undefined : Duration.seconds(seconds);
}

/** A query string given as text, for queries the `QueryString` builder cannot express (comments). */
class RawQueryString extends logs.QueryString {
  constructor(private readonly text: string) {
    super();
  }

  public toString(): string {
    return this.text;
  }
}
