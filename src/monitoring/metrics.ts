import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ALARM_PERIOD } from './alarm-factory';
import { FAILURE_CAUSES, FAILURE_METRICS_NAMESPACE } from './failure-metrics';

/** The metrics of one stage and its function that the alarms and the dashboard read. */
export interface StageMetrics {
  readonly requestCount: cloudwatch.Metric;
  readonly serverErrorCount: cloudwatch.Metric;
  readonly clientErrorCount: cloudwatch.Metric;
  readonly serverErrorRate: cloudwatch.MathExpression;
  readonly integrationLatency: cloudwatch.Metric;
  readonly latency: cloudwatch.Metric;
  readonly lambdaErrorCount: cloudwatch.Metric;
  readonly lambdaInvocations: cloudwatch.Metric;
  readonly lambdaErrorRate: cloudwatch.MathExpression;
  readonly lambdaThrottles: cloudwatch.Metric;
  readonly lambdaDuration: cloudwatch.Metric;
  readonly lambdaConcurrency: cloudwatch.Metric;
}

/**
 * The stage's `AWS/ApiGateway` metrics (keyed by API name and stage) and its function's
 * `AWS/Lambda` metrics, one-minute periods; the rates are gated on `minimumRequests`.
 */
export function stageMetrics(apiName: string, stageName: string, handler: lambda.IFunction, minimumRequests: number): StageMetrics {
  const dimensionsMap = { ApiName: apiName, Stage: stageName };
  const apiMetric = (metricName: string, statistic: string) =>
    new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap, statistic, period: ALARM_PERIOD });
  const requestCount = apiMetric('Count', cloudwatch.Stats.SUM);
  const serverErrorCount = apiMetric('5XXError', cloudwatch.Stats.SUM);
  const lambdaErrorCount = handler.metricErrors({ statistic: cloudwatch.Stats.SUM, period: ALARM_PERIOD });
  const lambdaInvocations = handler.metricInvocations({ statistic: cloudwatch.Stats.SUM, period: ALARM_PERIOD });
  return {
    requestCount,
    serverErrorCount,
    clientErrorCount: apiMetric('4XXError', cloudwatch.Stats.SUM),
    serverErrorRate: gatedRate('5XX rate', serverErrorCount, requestCount, minimumRequests),
    integrationLatency: apiMetric('IntegrationLatency', cloudwatch.Stats.p(99)),
    latency: apiMetric('Latency', cloudwatch.Stats.p(99)),
    lambdaErrorCount,
    lambdaInvocations,
    lambdaErrorRate: gatedRate('Lambda error rate', lambdaErrorCount, lambdaInvocations, minimumRequests),
    lambdaThrottles: handler.metricThrottles({ statistic: cloudwatch.Stats.SUM, period: ALARM_PERIOD }),
    lambdaDuration: handler.metricDuration({ statistic: cloudwatch.Stats.p(99), period: ALARM_PERIOD }),
    lambdaConcurrency: handler.metric('ConcurrentExecutions', { statistic: cloudwatch.Stats.MAXIMUM, period: ALARM_PERIOD }),
  };
}

/** The failure metrics counted from the access log, by gateway response type. */
export function failureMetrics(apiId: string, stageName: string): { [responseType: string]: cloudwatch.Metric } {
  return Object.fromEntries(FAILURE_CAUSES.map((cause) => [cause.responseType, new cloudwatch.Metric({
    namespace: FAILURE_METRICS_NAMESPACE,
    metricName: cause.metricName,
    dimensionsMap: { ApiId: apiId, Stage: stageName },
    statistic: cloudwatch.Stats.SUM,
    period: ALARM_PERIOD,
  })]));
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
