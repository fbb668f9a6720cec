import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ALARM_PERIOD } from './alarm-factory';
import { FAILURE_METRICS_NAMESPACE } from './failure-metrics';

/**
 * The metrics the handler helpers publish (embedded metric format, from the function's log) when
 * they answer in the function's place, keyed by the dimension `FunctionName`. A caught error is no
 * longer a Lambda error (the function returned), nor an INTEGRATION_FAILURE in the access log (the
 * client got the function's own 500), so the alarms add these to what they count.
 */
export const HANDLER_METRICS = {
  /** Errors the helper caught and malformed responses it replaced: added to Lambda's `Errors`. */
  functionErrors: 'FunctionErrors',
  /** Requests the helper answered 504 before API Gateway's timeout: added to the integration timeouts. */
  functionDeadlines: 'FunctionDeadlines',
};

/** One of `HANDLER_METRICS` for a function, summed by minute like the alarms' other metrics. */
export function handlerMetric(handler: lambda.IFunction, metricName: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: FAILURE_METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { FunctionName: handler.functionName },
    statistic: cloudwatch.Stats.SUM,
    period: ALARM_PERIOD,
  });
}

/**
 * Integration timeouts as the alarm counts them: API Gateway's (from the access log) and the helper's deadlines in
 * the main function (an API monitored without a function has API Gateway's alone).
 */
export function timeoutsWithDeadlines(integrationTimeouts: cloudwatch.IMetric, handler?: lambda.IFunction): cloudwatch.IMetric {
  if (!handler) {
    return integrationTimeouts;
  }
  return new cloudwatch.MathExpression({
    expression: 'FILL(timeouts, 0) + FILL(deadlines, 0)',
    usingMetrics: { timeouts: integrationTimeouts, deadlines: handlerMetric(handler, HANDLER_METRICS.functionDeadlines) },
    label: 'Integration timeouts and handler deadlines',
    period: ALARM_PERIOD,
  });
}
