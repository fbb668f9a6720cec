import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ACCESS_LOG_FIELDS } from '../access-log-format';

/** One failure cause counted from the access log. */
export interface FailureCause {
  /** Its key in `failureMetrics` and `metricFilters`: the gateway response type, or `LAMBDA_THROTTLE`. */
  readonly key: string;
  /** The gateway response type, as in `$context.error.responseType`. */
  readonly responseType: string;
  /**
   * Whether the line must show a Lambda throttle (Lambda's status 429 for the invoke) or must not;
   * undefined: either. Tells a throttle from a function error, both `INTEGRATION_FAILURE`.
   */
  readonly lambdaThrottle?: boolean;
  /** The metric it is counted in. */
  readonly metricName: string;
  /** What it means, for descriptions. */
  readonly meaning: string;
}

/** Lambda's status for an invoke it throttled. */
export const LAMBDA_THROTTLE_STATUS = '429';

/** The failure causes counted from the access log, one metric filter each. */
export const FAILURE_CAUSES: FailureCause[] = [
  { key: 'INTEGRATION_TIMEOUT', responseType: 'INTEGRATION_TIMEOUT', metricName: 'IntegrationTimeout', meaning: 'the function ran past the integration timeout (504)' },
  {
    key: 'INTEGRATION_FAILURE',
    responseType: 'INTEGRATION_FAILURE',
    lambdaThrottle: false,
    metricName: 'IntegrationFailure',
    meaning: 'the function threw or returned a malformed response (Lambda throttles are counted apart)',
  },
  {
    key: 'LAMBDA_THROTTLE',
    responseType: 'INTEGRATION_FAILURE',
    lambdaThrottle: true,
    metricName: 'LambdaThrottle',
    meaning: 'Lambda throttled the invoke (429: reserved or account concurrency used up)',
  },
  { key: 'API_CONFIGURATION_ERROR', responseType: 'API_CONFIGURATION_ERROR', metricName: 'ApiConfigurationError', meaning: 'API Gateway could not call the function (invoke permission, configuration)' },
  { key: 'THROTTLED', responseType: 'THROTTLED', metricName: 'Throttled', meaning: 'the stage or a usage plan throttled callers (429)' },
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
  requestId: accessLogField('$context.extendedRequestId'),
  apiId: accessLogField('$context.apiId'),
  stage: accessLogField('$context.stage'),
  httpMethod: accessLogField('$context.httpMethod'),
  resourcePath: accessLogField('$context.resourcePath'),
  status: accessLogField('$context.status'),
  responseLatency: accessLogField('$context.responseLatency'),
  errorType: accessLogField('$context.error.responseType'),
  errorMessage: accessLogField('$context.error.message'),
  integrationStatus: accessLogField('$context.integration.status'),
  lambdaStatus: accessLogField('$context.integration.integrationStatus'),
  integrationError: accessLogField('$context.integration.error'),
  integrationLatency: accessLogField('$context.integration.latency'),
  integrationRequestId: accessLogField('$context.integration.requestId'),
  xrayTraceId: accessLogField('$context.xrayTraceId'),
};

/**
 * The metric filter pattern for one failure cause. String comparisons: every value in the access
 * log line is a quoted string.
 */
export function failureFilterPattern(cause: FailureCause): string {
  const type = `$.${LOG_FIELDS.errorType} = "${cause.responseType}"`;
  if (cause.lambdaThrottle === undefined) {
    return `{ ${type} }`;
  }
  return `{ ${type} && $.${LOG_FIELDS.lambdaStatus} ${cause.lambdaThrottle ? '=' : '!='} "${LAMBDA_THROTTLE_STATUS}" }`;
}

/** The metric filter dimensions: the API id and stage, read from the log line itself. */
export function failureMetricDimensions(): { [name: string]: string } {
  return { ApiId: `$.${LOG_FIELDS.apiId}`, Stage: `$.${LOG_FIELDS.stage}` };
}

/**
 * One metric filter per failure cause on the access log group. No default value: a metric
 * publishes (and bills) only in hours when its failure happens.
 */
export function createFailureFilters(scope: Construct, logGroup: logs.ILogGroup): { [cause: string]: logs.MetricFilter } {
  return Object.fromEntries(FAILURE_CAUSES.map((cause) => [cause.key, new logs.MetricFilter(scope, `${cause.metricName}Filter`, {
    logGroup,
    filterPattern: logs.FilterPattern.literal(failureFilterPattern(cause)),
    metricNamespace: FAILURE_METRICS_NAMESPACE,
    metricName: cause.metricName,
    metricValue: '1',
    dimensions: failureMetricDimensions(),
    unit: cloudwatch.Unit.COUNT,
  })]));
}
