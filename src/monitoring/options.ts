import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

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
   * The fewest requests (or Lambda invocations) in a minute for that minute's error rate or p99
   * latency to count; quieter minutes count as healthy, so one error out of two requests, or one
   * slow request in a quiet minute, does not alarm. A whole number, 1 or more.
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
