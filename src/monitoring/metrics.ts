import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ALARM_PERIOD } from './alarm-factory';
import { FAILURE_CAUSES, FAILURE_METRICS_NAMESPACE } from './failure-metrics';
import { HANDLER_METRICS, handlerMetric } from './handler-metrics';

/** The metrics of one stage and its function (none without one) that the alarms and the dashboard read. */
export interface StageMetrics {
  readonly requestCount: cloudwatch.Metric;
  readonly serverErrorCount: cloudwatch.Metric;
  readonly clientErrorCount: cloudwatch.Metric;
  readonly serverErrorRate: cloudwatch.MathExpression;
  readonly integrationLatency: cloudwatch.Metric;
  readonly gatedIntegrationLatency: cloudwatch.MathExpression;
  readonly latency: cloudwatch.Metric;
  readonly lambdaErrorCount?: cloudwatch.Metric;
  /** Errors the handler helper caught (the function returned the contract's 500), counted as function errors too. */
  readonly caughtErrorCount?: cloudwatch.Metric;
  readonly lambdaInvocations?: cloudwatch.Metric;
  readonly lambdaErrorRate?: cloudwatch.MathExpression;
  readonly lambdaThrottles?: cloudwatch.Metric;
  readonly lambdaDuration?: cloudwatch.Metric;
  readonly gatedLambdaDuration?: cloudwatch.MathExpression;
  readonly lambdaConcurrency?: cloudwatch.Metric;
}

/**
 * The stage's `AWS/ApiGateway` metrics (keyed by API name and stage) and its function's
 * `AWS/Lambda` metrics, one-minute periods; the rates and the p99s the alarms read are gated on
 * `minimumRequests`.
 */
export function stageMetrics(apiName: string, stageName: string, handler: lambda.IFunction | undefined, minimumRequests: number): StageMetrics {
  const dimensionsMap = { ApiName: apiName, Stage: stageName };
  const apiMetric = (metricName: string, statistic: string) =>
    new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap, statistic, period: ALARM_PERIOD });
  const requestCount = apiMetric('Count', cloudwatch.Stats.SUM);
  const serverErrorCount = apiMetric('5XXError', cloudwatch.Stats.SUM);
  const integrationLatency = apiMetric('IntegrationLatency', cloudwatch.Stats.p(99));
  return {
    requestCount,
    serverErrorCount,
    clientErrorCount: apiMetric('4XXError', cloudwatch.Stats.SUM),
    serverErrorRate: gatedRate('5XX rate', serverErrorCount, requestCount, minimumRequests),
    integrationLatency,
    gatedIntegrationLatency: gatedPercentile('Integration latency p99', integrationLatency, minimumRequests),
    latency: apiMetric('Latency', cloudwatch.Stats.p(99)),
    ...(handler ? functionMetrics(handler, minimumRequests) : {}),
  };
}

/** A function's `AWS/Lambda` metrics, one-minute periods; its error rate and duration p99 gated on `minimumRequests`. */
export function functionMetrics(handler: lambda.IFunction, minimumRequests: number) {
  const lambdaErrorCount = handler.metricErrors({ statistic: cloudwatch.Stats.SUM, period: ALARM_PERIOD });
  const lambdaInvocations = handler.metricInvocations({ statistic: cloudwatch.Stats.SUM, period: ALARM_PERIOD });
  const lambdaDuration = handler.metricDuration({ statistic: cloudwatch.Stats.p(99), period: ALARM_PERIOD });
  const caughtErrorCount = handlerMetric(handler, HANDLER_METRICS.functionErrors);
  return {
    lambdaErrorCount,
    caughtErrorCount,
    lambdaInvocations,
    lambdaErrorRate: gated('Lambda error rate, caught errors included', gatedErrorRateExpression(minimumRequests),
      { errors: lambdaErrorCount, caught: caughtErrorCount, total: lambdaInvocations }, minimumRequests),
    lambdaThrottles: handler.metricThrottles({ statistic: cloudwatch.Stats.SUM, period: ALARM_PERIOD }),
    lambdaDuration,
    gatedLambdaDuration: gatedPercentile('Duration p99', lambdaDuration, minimumRequests),
    lambdaConcurrency: handler.metric('ConcurrentExecutions', { statistic: cloudwatch.Stats.MAXIMUM, period: ALARM_PERIOD }),
  };
}

export function failureMetrics(apiId: string, stageName: string): { [cause: string]: cloudwatch.Metric } {
  return Object.fromEntries(FAILURE_CAUSES.map((cause) => [cause.key, new cloudwatch.Metric({
    namespace: FAILURE_METRICS_NAMESPACE,
    metricName: cause.metricName,
    dimensionsMap: { ApiId: apiId, Stage: stageName },
    statistic: cloudwatch.Stats.SUM,
    period: ALARM_PERIOD,
  })]));
}

/** A metric-math expression that is 0 in minutes with fewer than `minimum` samples. */
function gated(label: string, expression: string, usingMetrics: { [id: string]: cloudwatch.IMetric }, minimum: number): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({ expression, usingMetrics, label: `${label} (0 below ${minimum} a minute)`, period: ALARM_PERIOD });
}

/** A rate in 0..1 that is 0 in minutes with fewer than `minimum` in the denominator. */
function gatedRate(label: string, count: cloudwatch.IMetric, total: cloudwatch.IMetric, minimum: number): cloudwatch.MathExpression {
  return gated(label, gatedRateExpression(minimum), { errors: count, total }, minimum);
}

/**
 * A percentile that is 0 in minutes with fewer than `minimum` samples (its own SampleCount): in a
 * quiet minute a p99 is only the slowest request. CloudWatch's own low-sample setting would ignore
 * every minute below 1,000 samples for a p99 (10 / (1 - 0.99)), so most APIs would never alarm.
 */
function gatedPercentile(label: string, percentile: cloudwatch.Metric, minimum: number): cloudwatch.MathExpression {
  const samples = percentile.with({ statistic: cloudwatch.Stats.SAMPLE_COUNT });
  return gated(label, gatedPercentileExpression(minimum), { latency: percentile, samples }, minimum);
}

/** The metric-math expression of a gated percentile over metrics `latency` and `samples`. */
export function gatedPercentileExpression(minimum: number): string {
  return `IF(samples >= ${minimum}, latency, 0)`;
}

/** The function's error rate: Lambda's errors and those the handler helper caught, over `total` invocations, gated. */
export function gatedErrorRateExpression(minimum: number): string {
  return `IF(total >= ${minimum}, (FILL(errors, 0) + FILL(caught, 0)) / total, 0)`;
}

/** The metric-math expression of a gated rate over metrics `errors` and `total`. */
export function gatedRateExpression(minimum: number): string {
  return `IF(total >= ${minimum}, FILL(errors, 0) / total, 0)`;
}
