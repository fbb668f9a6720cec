import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ApiLocation, checkApiName, resolveApiName } from './api-name';
import { CheckWarning, runChecks } from './checks';
import {
  DEFAULT_INTEGRATION_TIMEOUT,
  DEFAULT_LOG_RETENTION,
  DEFAULT_STAGE_NAME,
  DEFAULT_THROTTLED_RETRY_AFTER,
  handlerFacts,
  resolveEndpointTypes,
  resolveStageOptions,
} from './defaults';
import { checkErrorMappings, renderIntegrationResponses, renderMethodResponses } from './error-mappings';
import { corsHeadersForErrors, RenderedErrorResponse, renderErrorResponses } from './error-responses';
import { LogGroupSettings } from './logging';
import { planMonitoring } from './monitoring';
import { InvokePermissionScope } from './permissions';
import { ResilientLambdaRestApiProps } from './props';

/**
 * Everything the construct builds, decided from the props before any resource exists: the props
 * for `LambdaRestApi`, what to add after it, and what the checks found.
 */
export interface ApiPlan {
  /** Synth-time errors: when there is any, nothing may be built. */
  readonly errors: string[];
  /** Legal but risky choices, for the annotations. */
  readonly warnings: CheckWarning[];
  /** The props for `LambdaRestApi`, resilient defaults filled in. */
  readonly superProps: apigateway.LambdaRestApiProps;
  /** The name API Gateway gives the API, known at synth (the metrics' `ApiName`). */
  readonly apiName: string;
  /** The integration options of the handler, for further functions too. */
  readonly integrationOptions: apigateway.LambdaIntegrationOptions;
  /** The integration timeout in force. */
  readonly integrationTimeout: Duration;
  /** The endpoint types in force. */
  readonly endpointTypes: string[];
  /** Whether the quota for a timeout above 29 s is acknowledged. */
  readonly acknowledgeTimeoutQuota: boolean;
  /** The literal name of the deployment stage; undefined without a deployment. */
  readonly stageName?: string;
  /** aws-cdk-lib's two permissions per method, as the user asked; else one per function. */
  readonly perMethodPermissions: boolean;
  /** Which stages may invoke the functions. */
  readonly permissionScope: InvokePermissionScope;
  /** Whether the console's test-invoke stage may invoke them. */
  readonly allowTestInvoke: boolean;
  /** The gateway responses of the error contract. */
  readonly errorResponses: RenderedErrorResponse[];
  /** The CORS headers of error responses (none without CORS). */
  readonly corsErrorHeaders: { [name: string]: string };
  /** How the log groups are kept. */
  readonly logSettings: LogGroupSettings;
  /** Whether the stage writes execution logs. */
  readonly executionLogging: boolean;
  /** Whether the construct creates the access log group (no destination of the user's own). */
  readonly ownAccessLogGroup: boolean;
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

/**
 * Plans the API from the props: fills in the defaults, runs every check (the construct's own, the
 * error mappings' and the monitoring options') and renders what can be rendered before any
 * resource exists, so that bad input never leaves half an API behind.
 */
export function planApi(props: ResilientLambdaRestApiProps, location: ApiLocation): ApiPlan {
  const facts = handlerFacts(props.handler);
  const integrationTimeout = props.integrationOptions?.timeout ?? DEFAULT_INTEGRATION_TIMEOUT;
  const deploy = props.deploy ?? true;
  // Without a deployment there is no stage to configure (aws-cdk-lib rejects deployOptions then).
  const deployOptions = deploy ? resolveStageOptions(props.deployOptions, facts.reservedConcurrency) : props.deployOptions ?? {};
  const permissionScope = props.invokePermissionScope ?? (deploy ? InvokePermissionScope.DEPLOYMENT_STAGE : InvokePermissionScope.ALL_STAGES);
  const endpointTypes = resolveEndpointTypes(props);
  const throttledRetryAfter = props.throttledRetryAfter ?? DEFAULT_THROTTLED_RETRY_AFTER;
  const checks = runChecks({
    integrationTimeoutMs: integrationTimeout.toMilliseconds(),
    endpointTypes: endpointTypes.map(String),
    acknowledgeTimeoutQuota: props.acknowledgeIntegrationTimeoutQuota ?? false,
    functionTimeoutSeconds: facts.timeoutSeconds,
    reservedConcurrency: facts.reservedConcurrency,
    loggingLevel: deployOptions.loggingLevel,
    dataTraceEnabled: deployOptions.dataTraceEnabled,
    throttlingRateLimit: deployOptions.throttlingRateLimit,
    throttlingBurstLimit: deployOptions.throttlingBurstLimit,
    throttledRetryAfterSeconds: throttledRetryAfter.toSeconds({ integral: false }),
    errorResponses: props.errorResponses?.map((o) => ({ ...o, type: o.type.responseType })),
    corsOrigins: props.defaultCorsPreflightOptions?.allowOrigins,
    corsAllowCredentials: props.defaultCorsPreflightOptions?.allowCredentials,
    permissionScope,
    allowTestInvoke: props.integrationOptions?.allowTestInvoke,
    deploy,
  });

  const custom = props.integrationOptions?.proxy === false;
  // A custom integration without integration responses of the user's gets the 502 catch-all at least.
  const errorMappings = props.errorMappings ?? (custom && !props.integrationOptions?.integrationResponses ? [] : undefined);
  const mappingChecks = errorMappings ? checkErrorMappings(errorMappings) : { errors: [], warnings: [] };
  const ownAccessLogGroup = deploy && !deployOptions.accessLogDestination;
  const monitoringErrors = planMonitoring(props.monitoring, {
    hasAccessLogGroup: ownAccessLogGroup,
    functionTimeoutKnown: facts.timeoutSeconds !== undefined,
  }).errors;
  const errors = [...checks.errors, ...conflictingMappingProps(props, custom), ...mappingChecks.errors, ...monitoringErrors];

  const corsHeaders = corsHeadersForErrors(props.defaultCorsPreflightOptions);
  // Integration responses only take literal headers, so a CORS origin echo cannot go there.
  const literalCorsHeaders = Object.fromEntries(Object.entries(corsHeaders).filter(([, value]) => value.startsWith("'")));
  const render = errors.length === 0;
  const integrationOptions: apigateway.LambdaIntegrationOptions = {
    ...props.integrationOptions,
    timeout: integrationTimeout,
    // One API-scoped permission for every method, whose scope the construct narrows.
    scopePermissionToMethod: props.integrationOptions?.scopePermissionToMethod ?? false,
    allowTestInvoke: undefined,
    integrationResponses: errorMappings && render
      ? renderIntegrationResponses(errorMappings, undefined, literalCorsHeaders)
      : props.integrationOptions?.integrationResponses,
  };

  const apiName = resolveApiName(props.restApiName, location);
  const nameWarning = checkApiName(props.restApiName, location);

  return {
    errors,
    warnings: [...checks.warnings, ...mappingChecks.warnings, ...(nameWarning ? [nameWarning] : [])],
    apiName,
    superProps: {
      ...props,
      restApiName: apiName,
      endpointTypes: props.endpointConfiguration ? undefined : endpointTypes,
      deployOptions: deploy ? deployOptions : props.deployOptions,
      // The account's CloudWatch role is created by the construct, least-privilege, only when asked for.
      cloudWatchRole: false,
      cloudWatchRoleRemovalPolicy: undefined,
      integrationOptions,
      defaultMethodOptions: errorMappings && render
        ? { ...props.defaultMethodOptions, methodResponses: renderMethodResponses(errorMappings, undefined, literalCorsHeaders) }
        : props.defaultMethodOptions,
    },
    integrationOptions,
    integrationTimeout,
    endpointTypes: endpointTypes.map(String),
    acknowledgeTimeoutQuota: props.acknowledgeIntegrationTimeoutQuota ?? false,
    // The literal name: the Stage's stageName is a reference to the Stage, and the execution log
    // group named after it must exist before the stage (a circular dependency otherwise).
    stageName: deploy ? deployOptions.stageName ?? DEFAULT_STAGE_NAME : undefined,
    perMethodPermissions: props.integrationOptions?.scopePermissionToMethod === true,
    permissionScope,
    allowTestInvoke: props.integrationOptions?.allowTestInvoke ?? true,
    corsErrorHeaders: corsHeaders,
    errorResponses: render
      ? renderErrorResponses({
        throttledRetryAfterSeconds: throttledRetryAfter.toSeconds(),
        commonHeaders: corsHeaders,
        overrides: props.errorResponses,
      })
      : [],
    logSettings: {
      retention: props.logRetention ?? DEFAULT_LOG_RETENTION,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
      encryptionKey: props.logEncryptionKey,
    },
    executionLogging: deployOptions.loggingLevel !== apigateway.MethodLoggingLevel.OFF,
    ownAccessLogGroup,
  };
}
