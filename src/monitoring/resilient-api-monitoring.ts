import { Annotations, Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { WARNING_PREFIX } from '../checks';
import { handlerFacts } from '../defaults';
import { AlarmFactory } from './alarm-factory';
import { createAlarms, createUnhealthyAlarm, defaultAlarmNamePrefix } from './alarms';
import { estimateMonthlyCost, MonitoringCost } from './cost';
import { createDashboard } from './dashboard';
import { createFailureFilters } from './failure-metrics';
import { createFunctionAlarms, functionAlarmPlan, withFunctionAlarms } from './function-alarms';
import { timeoutsWithDeadlines } from './handler-metrics';
import { failureMetrics, stageMetrics } from './metrics';
import { MonitoringAlarm, MonitoringOptions } from './options';
import { MonitoringPlan, planMonitoring } from './plan';
import { saveQueries, SavedQuery, whereToLook } from './queries';

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

  /**
   * The function behind the API: its Lambda metrics and alarms.
   *
   * @default - no Lambda metrics or alarms: the API's own metrics, filters, alarms and queries only
   */
  readonly handler?: lambda.IFunction;

  /**
   * More functions behind the API, each watched by its own Lambda alarms (error rate, throttles,
   * duration), which feed the composite alarm too.
   *
   * @default - none
   */
  readonly additionalHandlers?: lambda.IFunction[];

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

  /** Integration latency p99, 0 in minutes with fewer than `minimumRequests` requests: what the latency alarm reads. */
  public readonly gatedIntegrationLatencyMetric: cloudwatch.MathExpression;

  /** Latency p99 (as clients see it), in milliseconds. */
  public readonly latencyMetric: cloudwatch.Metric;

  /** Lambda errors per minute (`AWS/Lambda` `Errors`, Sum); this and the other Lambda metrics are undefined without a `handler`. */
  public readonly lambdaErrorCountMetric?: cloudwatch.Metric;

  /** Lambda invocations per minute (`AWS/Lambda` `Invocations`, Sum). */
  public readonly lambdaInvocationsMetric?: cloudwatch.Metric;

  /** The share of Lambda invocations that failed, 0 in minutes with fewer than `minimumRequests` invocations. */
  public readonly lambdaErrorRateMetric?: cloudwatch.MathExpression;

  /** Lambda throttles per minute. */
  public readonly lambdaThrottlesMetric?: cloudwatch.Metric;

  /** Lambda duration p99, in milliseconds. */
  public readonly lambdaDurationMetric?: cloudwatch.Metric;

  /** Lambda duration p99, 0 in minutes with fewer than `minimumRequests` invocations: what the duration alarm reads. */
  public readonly gatedLambdaDurationMetric?: cloudwatch.MathExpression;

  /** The function's concurrent executions, maximum per minute. */
  public readonly lambdaConcurrencyMetric?: cloudwatch.Metric;

  /**
   * Failures per minute by cause, counted from the access log: by gateway response type
   * (`INTEGRATION_TIMEOUT`, `INTEGRATION_FAILURE`, `API_CONFIGURATION_ERROR`, `THROTTLED`), and
   * `LAMBDA_THROTTLE` for the `INTEGRATION_FAILURE`s that were Lambda throttles (counted apart,
   * not in `INTEGRATION_FAILURE`).
   */
  public readonly failureMetrics: { [cause: string]: cloudwatch.Metric };

  /** The metric filters behind `failureMetrics`, by the same keys. */
  public readonly metricFilters: { [cause: string]: logs.MetricFilter };

  /** Every metric alarm, in the order of `MonitoringAlarm`, then the alarms of `additionalHandlers`. */
  public readonly alarms: cloudwatch.Alarm[];

  /** The Lambda alarms of `additionalHandlers`, function by function, named `<prefix>-Function<n>-<what>`. */
  public readonly additionalHandlerAlarms: cloudwatch.Alarm[];

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
    const functionTimeout = props.functionTimeout ?? (props.handler && secondsOrUndefined(handlerFacts(props.handler).timeoutSeconds));
    const plan = this.checkedPlan(id, props, functionTimeout);
    const extraPlans = (props.additionalHandlers ?? []).map((fn) => functionAlarmPlan(plan, props.options, fn));
    this.monthlyCost = estimateMonthlyCost(withFunctionAlarms(plan.inventory, extraPlans));
    this.alarmNamePrefix = props.options?.alarmNamePrefix ?? defaultAlarmNamePrefix(props.api, props.stageName);

    // Metrics cost nothing until something alarms on them or graphs them: always defined.
    const metrics = stageMetrics(props.api.restApiName, props.stageName, props.handler, plan.minimumRequests);
    this.requestCountMetric = metrics.requestCount;
    this.serverErrorCountMetric = metrics.serverErrorCount;
    this.clientErrorCountMetric = metrics.clientErrorCount;
    this.serverErrorRateMetric = metrics.serverErrorRate;
    this.integrationLatencyMetric = metrics.integrationLatency;
    this.gatedIntegrationLatencyMetric = metrics.gatedIntegrationLatency;
    this.latencyMetric = metrics.latency;
    this.lambdaErrorCountMetric = metrics.lambdaErrorCount;
    this.lambdaInvocationsMetric = metrics.lambdaInvocations;
    this.lambdaErrorRateMetric = metrics.lambdaErrorRate;
    this.lambdaThrottlesMetric = metrics.lambdaThrottles;
    this.lambdaDurationMetric = metrics.lambdaDuration;
    this.gatedLambdaDurationMetric = metrics.gatedLambdaDuration;
    this.lambdaConcurrencyMetric = metrics.lambdaConcurrency;
    this.failureMetrics = failureMetrics(props.api.restApiId, props.stageName);

    const accessLogGroup = props.accessLogGroup;
    this.metricFilters = plan.failureMetrics && accessLogGroup ? createFailureFilters(this, accessLogGroup) : {};
    const queries = plan.savedQueries && accessLogGroup ? saveQueries(this, this.alarmNamePrefix, accessLogGroup) : {};
    this.failuresByCauseQuery = queries[SavedQuery.FAILURES_BY_CAUSE];
    this.slowestRequestsQuery = queries[SavedQuery.SLOWEST_REQUESTS];
    this.timeoutsByPathQuery = queries[SavedQuery.TIMEOUTS_BY_PATH];
    this.requestIdQuery = queries[SavedQuery.API_TO_LAMBDA_REQUEST_ID];

    const apiAt = `API ${props.api.restApiName} stage ${props.stageName}`;
    const where = whereToLook(this.alarmNamePrefix, plan.savedQueries, accessLogGroup?.logGroupName, props.executionLogGroupName);
    const integrationTimeoutMs = props.integrationTimeout.toMilliseconds();
    const functionTimeoutMs = functionTimeout?.toMilliseconds();
    const factoryProps = {
      namePrefix: this.alarmNamePrefix,
      alarmActions: plan.alarmActions,
      okActions: plan.okActions,
      actionsOnMetricAlarms: plan.notifyEachAlarm || !plan.unhealthyAlarm,
    };
    const factory = new AlarmFactory(this, factoryProps);
    const alarmContext = {
      plan,
      metrics,
      apiAt,
      integrationTimeoutMs,
      functionTimeoutMs,
      where,
      integrationTimeoutMetric: timeoutsWithDeadlines(this.failureMetrics.INTEGRATION_TIMEOUT, props.handler),
      handlerName: props.handler?.functionName,
    };
    const built = createAlarms(factory, alarmContext);
    this.additionalHandlerAlarms = extraPlans.flatMap((extra, i) => createFunctionAlarms(this, `Function${i + 1}`, extra, factoryProps, alarmContext));
    this.alarms = [...plan.alarms.map((a) => built[a]), ...this.additionalHandlerAlarms];
    this.serverErrorRateAlarm = built[MonitoringAlarm.SERVER_ERROR_RATE];
    this.integrationLatencyAlarm = built[MonitoringAlarm.INTEGRATION_LATENCY];
    this.integrationTimeoutAlarm = built[MonitoringAlarm.INTEGRATION_TIMEOUTS];
    this.lambdaErrorRateAlarm = built[MonitoringAlarm.LAMBDA_ERROR_RATE];
    this.lambdaThrottlesAlarm = built[MonitoringAlarm.LAMBDA_THROTTLES];
    this.lambdaDurationAlarm = built[MonitoringAlarm.LAMBDA_DURATION];

    if (plan.unhealthyAlarm) {
      this.unhealthyAlarm = createUnhealthyAlarm(factory, { plan, alarms: this.alarms, apiAt, namePrefix: this.alarmNamePrefix, where });
    }
    if (plan.dashboard) {
      this.dashboard = createDashboard(this, {
        metrics,
        failureMetrics: this.failureMetrics,
        alarms: this.alarms,
        unhealthyAlarm: this.unhealthyAlarm,
        integrationTimeoutMs,
        functionTimeoutMs,
      });
    }
  }

  /** The plan of the options; throws the errors, turns the warnings into annotations. */
  private checkedPlan(id: string, props: ResilientApiMonitoringProps, functionTimeout: Duration | undefined): MonitoringPlan {
    const { plan, errors } = planMonitoring(props.options, {
      hasAccessLogGroup: props.accessLogGroup !== undefined,
      functionTimeoutKnown: functionTimeout !== undefined,
      hasFunction: props.handler !== undefined,
    });
    if (errors.length > 0) {
      throw new Error(`ResilientApiMonitoring '${id}': ${errors.join('; ')}`);
    }
    for (const [warningId, message] of Object.entries(plan.warnings)) {
      Annotations.of(this).addWarningV2(`${WARNING_PREFIX}:${warningId}`, message);
    }
    return plan;
  }
}

function secondsOrUndefined(seconds: number | undefined): Duration | undefined {
  return seconds === undefined ? undefined : Duration.seconds(seconds);
}
