import { Duration, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { renderAccessLogFormat } from './access-log-format';
import { LAMBDA_DEFAULT_TIMEOUT_SECONDS } from './checks';

/** API Gateway's default (and, without a quota increase, maximum) integration timeout. */
export const DEFAULT_INTEGRATION_TIMEOUT = Duration.seconds(29);

/** aws-cdk-lib's name for the deployment stage when `deployOptions.stageName` is not set. */
export const DEFAULT_STAGE_NAME = 'prod';

/** How long logs are kept unless the user says otherwise. */
export const DEFAULT_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/** Seconds in the Retry-After header of a THROTTLED response unless the user says otherwise. */
export const DEFAULT_THROTTLED_RETRY_AFTER = Duration.seconds(1);

/**
 * The lowest account-level throttle any region has by default (af-south-1, eu-south-1 and others:
 * 2,500 requests per second, burst 1,250; most regions have 10,000 / 5,000). A stage limit cannot
 * exceed the account's, so the defaults never set one above these.
 */
export const LOWEST_ACCOUNT_RATE_LIMIT = 2_500;
export const LOWEST_ACCOUNT_BURST_LIMIT = 1_250;

// Lambda's default function timeout lives with the pure checks (the audit reads it without aws-cdk-lib).
export { LAMBDA_DEFAULT_TIMEOUT_SECONDS };

/**
 * The stage throttle by default: the lowest regional account defaults, with the burst lowered to
 * the function's reserved concurrency where it is set. Beyond that many requests at once Lambda
 * would throttle anyway (clients would see 5xx); the stage answers 429 with Retry-After instead.
 */
export function defaultThrottling(reservedConcurrency?: number): { rateLimit: number; burstLimit: number } {
  const burstLimit = reservedConcurrency === undefined ? LOWEST_ACCOUNT_BURST_LIMIT : Math.min(LOWEST_ACCOUNT_BURST_LIMIT, reservedConcurrency);
  return { rateLimit: LOWEST_ACCOUNT_RATE_LIMIT, burstLimit };
}

/**
 * The stage options: the user's, with resilient defaults for whatever they left out.
 */
export function resolveStageOptions(user: apigateway.StageOptions | undefined, reservedConcurrency?: number): apigateway.StageOptions {
  const throttling = defaultThrottling(reservedConcurrency);
  return {
    ...user,
    loggingLevel: user?.loggingLevel ?? apigateway.MethodLoggingLevel.ERROR,
    dataTraceEnabled: user?.dataTraceEnabled ?? false,
    // Per-method detailed metrics are billed as custom metrics (up to 7 per method); no alarm reads them.
    metricsEnabled: user?.metricsEnabled ?? false,
    // Sampled, so its cost is bounded; the access log carries the trace id.
    tracingEnabled: user?.tracingEnabled ?? true,
    throttlingRateLimit: user?.throttlingRateLimit ?? throttling.rateLimit,
    throttlingBurstLimit: user?.throttlingBurstLimit ?? throttling.burstLimit,
    // A destination of the user's own still gets the format that names failures, unless they chose one.
    accessLogFormat: user?.accessLogFormat ?? (user?.accessLogDestination ? apigateway.AccessLogFormat.custom(renderAccessLogFormat()) : undefined),
  };
}

/**
 * The endpoint types in force: the user's, else REGIONAL (no AWS-managed CloudFront hop that
 * cannot be configured, and the only kind that may raise the integration timeout above 29 s).
 */
export function resolveEndpointTypes(props: apigateway.RestApiBaseProps): apigateway.EndpointType[] {
  return props.endpointConfiguration?.types ?? props.endpointTypes ?? [apigateway.EndpointType.REGIONAL];
}

/**
 * Facts about the handler that the defaults and checks use, where the function is defined in this
 * app (an imported function tells nothing).
 */
export interface HandlerFacts {
  /** The function's timeout in seconds. */
  readonly timeoutSeconds?: number;
  /** The function's reserved concurrency. */
  readonly reservedConcurrency?: number;
}

/** Reads the timeout and reserved concurrency of a function defined in this app. */
export function handlerFacts(handler: lambda.IFunction): HandlerFacts {
  if (!(handler instanceof lambda.Function)) {
    return {};
  }
  const cfn = handler.node.defaultChild as lambda.CfnFunction;
  const reserved = cfn.reservedConcurrentExecutions;
  return {
    timeoutSeconds: handler.timeout?.toSeconds() ?? LAMBDA_DEFAULT_TIMEOUT_SECONDS,
    reservedConcurrency: typeof reserved === 'number' && !Token.isUnresolved(reserved) ? reserved : undefined,
  };
}
