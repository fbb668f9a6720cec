import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { LambdaErrorMapping } from './contract/error-mappings';
import { ErrorResponseOverride } from './contract/error-responses';
import { MonitoringOptions } from './monitoring';
import { InvokePermissionScope } from './permissions';

/**
 * The resilient options both APIs of this library share: the error contract, monitoring,
 * throttling advice, timeout quota, invoke permissions and logging.
 */
export interface ResilienceOptions {
  /**
   * Changes to the error contract, one per gateway response type: status, message, retry advice,
   * headers or the whole body.
   *
   * @default - the construct's error contract as documented in the README
   */
  readonly errorResponses?: ErrorResponseOverride[];

  /**
   * Metric filters, alarms, saved queries and an optional dashboard for the deployment stage.
   *
   * @default - on: every default of `MonitoringOptions`, no actions, no dashboard
   */
  readonly monitoring?: MonitoringOptions;

  /**
   * The `Retry-After` header of THROTTLED (429) responses, in whole seconds from 1 to 86400.
   *
   * @default Duration.seconds(1)
   */
  readonly throttledRetryAfter?: Duration;

  /**
   * Acknowledges that the account's integration timeout quota was raised, which lets a REGIONAL
   * or PRIVATE API set its integration timeout above 29 seconds.
   *
   * @default false
   */
  readonly acknowledgeIntegrationTimeoutQuota?: boolean;

  /**
   * Which stages may invoke the functions. One permission covers every method either way.
   *
   * @default - InvokePermissionScope.DEPLOYMENT_STAGE; InvokePermissionScope.ALL_STAGES when `deploy` is false
   */
  readonly invokePermissionScope?: InvokePermissionScope;

  /**
   * How long the execution and access logs are kept.
   *
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * What happens to the log groups when the stack is deleted. RETAIN keeps the logs for an
   * investigation; they still expire after `logRetention`.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;

  /**
   * A KMS key to encrypt the log groups with. Its key policy must let CloudWatch Logs use it.
   *
   * @default - CloudWatch Logs' own encryption
   */
  readonly logEncryptionKey?: kms.IKey;
}

/**
 * Properties for a `ResilientLambdaRestApi`: every `LambdaRestApiProps` property with the same
 * meaning, resilient defaults where they were left out, and a few options of its own.
 */
export interface ResilientLambdaRestApiProps extends apigateway.LambdaRestApiProps, ResilienceOptions {
  /**
   * Maps function errors of a custom integration (`integrationOptions.proxy: false`) to status
   * codes and JSON error bodies; function errors no mapping matches get 502.
   *
   * @default - none: with a custom integration every function error gets 502
   */
  readonly errorMappings?: LambdaErrorMapping[];
}

/**
 * Properties for a `ResilientSpecRestApi`: every `SpecRestApiProps` property with the same meaning
 * (`apiDefinition` from `ApiDefinition.fromInline` or `ApiDefinition.fromAsset`, JSON or YAML,
 * OpenAPI 3 or Swagger 2), the functions behind the operations, and the resilient options.
 */
export interface ResilientSpecRestApiProps extends apigateway.SpecRestApiProps, ResilienceOptions {
  /**
   * The function behind each operation, by `operationId` or by route: the method in upper case and
   * the path exactly as the document writes it (`'GET /pets/{petId}'`, `'ANY /{proxy+}'` for
   * `x-amazon-apigateway-any-method`), so a document without operation ids binds without editing it.
   * Every operation needs a function here, an `x-amazon-apigateway-integration` of its own, or
   * `defaultHandler`.
   *
   * @default - none: every operation is bound by `defaultHandler` or its own integration
   */
  readonly integrations?: { [operationIdOrRoute: string]: lambda.IFunction };

  /**
   * The function behind every operation that has neither a key in `integrations` nor an
   * `x-amazon-apigateway-integration` of its own (an operation's own integration is kept).
   *
   * @default - none: every operation needs a key in `integrations` or an integration of its own
   */
  readonly defaultHandler?: lambda.IFunction;

  /**
   * The timeout of the integrations this construct writes, from 50 ms to 29 s (more with
   * `acknowledgeIntegrationTimeoutQuota`).
   *
   * @default Duration.seconds(29)
   */
  readonly integrationTimeout?: Duration;

  /**
   * The API's CORS settings, for the error responses: a `SpecRestApi` has no preflight options
   * (the document declares them), so give the allowed origins here for browsers to see the real
   * status of a failed call instead of a CORS error.
   *
   * @default - no CORS headers on error responses
   */
  readonly errorCorsOptions?: apigateway.CorsOptions;

  /**
   * Whether the console's test-invoke stage may invoke the functions.
   *
   * @default true
   */
  readonly allowTestInvoke?: boolean;
}
