import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { renderAccessLogFormat } from './access-log-format';
import { ACCOUNT_ROLE_WARNING, CheckWarning, IMPORTED_FUNCTION_WARNING, runChecks, WARNING_PREFIX } from './checks';
import {
  DEFAULT_INTEGRATION_TIMEOUT,
  DEFAULT_LOG_RETENTION,
  DEFAULT_STAGE_NAME,
  DEFAULT_THROTTLED_RETRY_AFTER,
  handlerFacts,
  resolveEndpointTypes,
  resolveStageOptions,
} from './defaults';
import { checkErrorMappings, LambdaErrorMapping, renderIntegrationResponses, renderMethodResponses } from './error-mappings';
import { corsHeadersForErrors, ErrorResponseOverride, renderErrorResponses } from './error-responses';
import { acknowledgeAccessLogFormat, createAccessLogGroup, createAccountCloudWatchRole, createExecutionLogGroup, LogGroupSettings } from './logging';
import { MonitoringOptions, planMonitoring, ResilientApiMonitoring } from './monitoring';
import { grantApiInvoke, invokeSourceArns, InvokePermissionScope } from './permissions';

/**
 * Properties for a `ResilientLambdaRestApi`: every `LambdaRestApiProps` property with the same
 * meaning, resilient defaults where they were left out, and a few options of its own.
 */
export interface ResilientLambdaRestApiProps extends apigateway.LambdaRestApiProps {
  /**
   * Changes to the error contract, one per gateway response type: status, message, retry advice,
   * headers or the whole body.
   *
   * @default - the construct's error contract as documented in the README
   */
  readonly errorResponses?: ErrorResponseOverride[];

  /**
   * Maps function errors of a custom integration (`integrationOptions.proxy: false`) to status
   * codes and JSON error bodies; function errors no mapping matches get 502.
   *
   * @default - none: with a custom integration every function error gets 502
   */
  readonly errorMappings?: LambdaErrorMapping[];

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
   * or PRIVATE API set `integrationOptions.timeout` above 29 seconds.
   *
   * @default false
   */
  readonly acknowledgeIntegrationTimeoutQuota?: boolean;

  /**
   * Which stages may invoke the handler. One permission covers every method either way.
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
 * A `LambdaRestApi` whose failures reach clients as documented JSON errors and reach operators
 * as logs that name the cause.
 *
 * It is a drop-in replacement: every `LambdaRestApiProps` property keeps its meaning. On top it
 * customises every gateway response into one JSON error shape with explicit status codes, grants
 * the handler one invoke permission however many methods there are, creates the execution and
 * access log groups with a retention, and sets stage defaults (ERROR logging, metrics, tracing,
 * throttling).
 */
export class ResilientLambdaRestApi extends apigateway.LambdaRestApi {
  /** The integration timeout in force. */
  public readonly integrationTimeout: Duration;

  /** The log group of the stage's execution logs, where execution logging is on. */
  public readonly executionLogGroup?: logs.ILogGroup;

  /** The log group of the stage's access logs, unless the user gave a destination of their own. */
  public readonly accessLogGroup?: logs.ILogGroup;

  /** The deployment stage's metrics, metric filters, alarms and saved queries; undefined without a deployment stage. */
  public readonly monitoring?: ResilientApiMonitoring;

  /** The gateway responses of the error contract, by response type. */
  public readonly errorResponses: { [responseType: string]: apigateway.GatewayResponse };

  constructor(scope: Construct, id: string, props: ResilientLambdaRestApiProps) {
    const facts = handlerFacts(props.handler);
    const integrationTimeout = props.integrationOptions?.timeout ?? DEFAULT_INTEGRATION_TIMEOUT;
    const deploy = props.deploy ?? true;
    // Without a deployment there is no stage to configure (aws-cdk-lib rejects deployOptions then).
    const deployOptions = deploy ? resolveStageOptions(props.deployOptions, facts.reservedConcurrency) : props.deployOptions ?? {};
    const permissionScope = props.invokePermissionScope ?? (deploy ? InvokePermissionScope.DEPLOYMENT_STAGE : InvokePermissionScope.ALL_STAGES);
    const checks = runChecks({
      integrationTimeoutMs: integrationTimeout.toMilliseconds(),
      endpointTypes: resolveEndpointTypes(props).map(String),
      acknowledgeTimeoutQuota: props.acknowledgeIntegrationTimeoutQuota ?? false,
      functionTimeoutSeconds: facts.timeoutSeconds,
      reservedConcurrency: facts.reservedConcurrency,
      loggingLevel: deployOptions.loggingLevel,
      dataTraceEnabled: deployOptions.dataTraceEnabled,
      throttlingRateLimit: deployOptions.throttlingRateLimit,
      throttlingBurstLimit: deployOptions.throttlingBurstLimit,
      throttledRetryAfterSeconds: (props.throttledRetryAfter ?? DEFAULT_THROTTLED_RETRY_AFTER).toSeconds({ integral: false }),
      errorResponses: props.errorResponses?.map((o) => ({ ...o, type: o.type.responseType })),
      corsOrigins: props.defaultCorsPreflightOptions?.allowOrigins,
      corsAllowCredentials: props.defaultCorsPreflightOptions?.allowCredentials,
      permissionScope,
      allowTestInvoke: props.integrationOptions?.allowTestInvoke,
      deploy,
    });
    const custom = props.integrationOptions?.proxy === false;
    const mappingErrors = conflictingMappingProps(props, custom);
    // A custom integration without integration responses of the user's gets the 502 catch-all at least.
    const errorMappings = props.errorMappings ?? (custom && !props.integrationOptions?.integrationResponses ? [] : undefined);
    const mappingChecks = errorMappings ? checkErrorMappings(errorMappings) : { errors: [], warnings: [] };
    // Monitoring options are checked here too, so that bad input never leaves half an API in the tree.
    const monitoringErrors = planMonitoring(props.monitoring, {
      hasAccessLogGroup: deploy && !deployOptions.accessLogDestination,
      functionTimeoutKnown: facts.timeoutSeconds !== undefined,
    }).errors;
    const errors = [...checks.errors, ...mappingErrors, ...mappingChecks.errors, ...monitoringErrors];
    if (errors.length > 0) {
      throw new Error(`ResilientLambdaRestApi '${id}': ${errors.join('; ')}`);
    }
    // Integration responses only take literal headers, so a CORS origin echo cannot go there.
    const literalCorsHeaders = Object.fromEntries(
      Object.entries(corsHeadersForErrors(props.defaultCorsPreflightOptions)).filter(([, value]) => value.startsWith("'")),
    );

    super(scope, id, {
      ...props,
      endpointTypes: props.endpointConfiguration ? undefined : resolveEndpointTypes(props),
      deployOptions: deploy ? deployOptions : props.deployOptions,
      // The account's CloudWatch role is created below, least-privilege, only when asked for.
      cloudWatchRole: false,
      cloudWatchRoleRemovalPolicy: undefined,
      integrationOptions: {
        ...props.integrationOptions,
        timeout: integrationTimeout,
        // One API-scoped permission for every method; its scope is narrowed below.
        scopePermissionToMethod: props.integrationOptions?.scopePermissionToMethod ?? false,
        allowTestInvoke: undefined,
        integrationResponses: errorMappings
          ? renderIntegrationResponses(errorMappings, undefined, literalCorsHeaders)
          : props.integrationOptions?.integrationResponses,
      },
      defaultMethodOptions: errorMappings
        ? { ...props.defaultMethodOptions, methodResponses: renderMethodResponses(errorMappings, undefined, literalCorsHeaders) }
        : props.defaultMethodOptions,
    });
    this.integrationTimeout = integrationTimeout;
    [...checks.warnings, ...mappingChecks.warnings].forEach((w) => this.warn(w));

    const stage = deploy ? this.deploymentStage : undefined;
    // The literal name: `stage.stageName` is a reference to the Stage, and the execution log group
    // named after it must exist before the stage (a circular dependency otherwise).
    const stageName = stage ? deployOptions.stageName ?? DEFAULT_STAGE_NAME : undefined;
    if (props.integrationOptions?.scopePermissionToMethod !== true) {
      const arns = invokeSourceArns(this, permissionScope, stageName, props.integrationOptions?.allowTestInvoke ?? true);
      if (!grantApiInvoke(this, props.handler, arns)) {
        this.warn(IMPORTED_FUNCTION_WARNING);
      }
    }

    this.errorResponses = {};
    const rendered = renderErrorResponses({
      throttledRetryAfterSeconds: (props.throttledRetryAfter ?? DEFAULT_THROTTLED_RETRY_AFTER).toSeconds(),
      commonHeaders: corsHeadersForErrors(props.defaultCorsPreflightOptions),
      overrides: props.errorResponses,
    });
    for (const response of rendered) {
      this.errorResponses[response.responseType] = this.addGatewayResponse(`ErrorResponse_${response.responseType}`, {
        type: apigateway.ResponseType.of(response.responseType),
        statusCode: response.statusCode,
        responseHeaders: response.responseHeaders,
        templates: response.templates,
      });
    }

    if (stage && stageName) {
      const logSettings: LogGroupSettings = {
        retention: props.logRetention ?? DEFAULT_LOG_RETENTION,
        removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
        encryptionKey: props.logEncryptionKey,
      };
      const executionLogging = deployOptions.loggingLevel !== apigateway.MethodLoggingLevel.OFF;
      if (executionLogging) {
        this.executionLogGroup = createExecutionLogGroup(this, this.restApiId, stage, stageName, logSettings);
      }
      if (!deployOptions.accessLogDestination) {
        this.accessLogGroup = createAccessLogGroup(this, stage, logSettings);
      } else if (deployOptions.accessLogFormat?.toString() === renderAccessLogFormat()) {
        acknowledgeAccessLogFormat(stage);
      }
      this.monitoring = new ResilientApiMonitoring(this, 'Monitoring', {
        api: this,
        stageName,
        accessLogGroup: this.accessLogGroup,
        executionLogGroupName: this.executionLogGroup?.logGroupName,
        handler: props.handler,
        integrationTimeout,
        options: props.monitoring,
      });
      if (props.cloudWatchRole === true) {
        createAccountCloudWatchRole(this, stage, props.cloudWatchRoleRemovalPolicy ?? RemovalPolicy.RETAIN);
      } else if (executionLogging || this.accessLogGroup) {
        this.warn(ACCOUNT_ROLE_WARNING);
      }
    }
  }

  private warn(warning: CheckWarning): void {
    Annotations.of(this).addWarningV2(`${WARNING_PREFIX}:${warning.id}`, warning.message);
  }
}

/** Errors for error mappings given where they cannot apply, or next to what they would replace. */
function conflictingMappingProps(props: ResilientLambdaRestApiProps, custom: boolean): string[] {
  if (!props.errorMappings) {
    return [];
  }
  const errors: string[] = [];
  if (!custom) {
    errors.push("errorMappings needs a custom integration: set integrationOptions.proxy to false (a proxy integration takes its status from the function's result)");
  }
  if (props.integrationOptions?.integrationResponses) {
    errors.push('give errorMappings or integrationOptions.integrationResponses, not both');
  }
  if (props.defaultMethodOptions?.methodResponses) {
    errors.push('give errorMappings or defaultMethodOptions.methodResponses, not both');
  }
  return errors;
}
