import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ApiLocation, checkApiName, resolveApiName } from './api-name';
import { CheckWarning, runChecks } from './checks';
import { checkErrorMappings } from './contract/error-mapping-checks';
import { renderIntegrationResponses, renderMethodResponses } from './contract/error-mappings';
import { corsHeadersForErrors, ErrorResponseOverride, RenderedErrorResponse, renderErrorResponses } from './contract/error-responses';
import {
  DEFAULT_INTEGRATION_TIMEOUT,
  DEFAULT_LOG_RETENTION,
  DEFAULT_STAGE_NAME,
  DEFAULT_THROTTLED_RETRY_AFTER,
  HandlerFacts,
  handlerFacts,
  resolveEndpointTypes,
  resolveStageOptions,
} from './defaults';
import { LogGroupSettings } from './logging';
import { planMonitoring } from './monitoring';
import { InvokePermissionScope } from './permissions';
import { ResilienceOptions, ResilientLambdaRestApiProps } from './props';

/**
 * What both APIs decide the same way from their props, before any resource exists: stage
 * defaults, the checks, the error contract, permissions scope, logging and monitoring.
 */
export interface CommonPlan {
  /** Synth-time errors: when there is any, nothing may be built. */
  readonly errors: string[];
  /** Legal but risky choices, for the annotations. */
  readonly warnings: CheckWarning[];
  /** Props for aws-cdk-lib's API class that both APIs set the same way. */
  readonly baseProps: apigateway.RestApiBaseProps;
  /** The name API Gateway gives the API, known at synth (the metrics' `ApiName`). */
  readonly apiName: string;
  /** The stage options in force (the user's, resilient defaults filled in). */
  readonly deployOptions?: apigateway.StageOptions;
  /** The integration timeout in force. */
  readonly integrationTimeout: Duration;
  /** The endpoint types in force. */
  readonly endpointTypes: string[];
  /** Whether the quota for a timeout above 29 s is acknowledged. */
  readonly acknowledgeTimeoutQuota: boolean;
  /** The literal name of the deployment stage; undefined without a deployment. */
  readonly stageName?: string;
  /** Which stages may invoke the functions. */
  readonly permissionScope: InvokePermissionScope;
  /** Whether the console's test-invoke stage may invoke them. */
  readonly allowTestInvoke: boolean;
  /** The CORS headers of error responses (none without CORS), name to mapping expression. */
  readonly corsErrorHeaders: { [name: string]: string };
  /** The gateway responses of the error contract; empty when there are errors. */
  readonly errorResponses: RenderedErrorResponse[];
  /** How the log groups are kept. */
  readonly logSettings: LogGroupSettings;
  /** Whether the stage writes execution logs. */
  readonly executionLogging: boolean;
  /** Whether the construct creates the access log group (no destination of the user's own). */
  readonly ownAccessLogGroup: boolean;
}

/** What the common plan needs besides the resilient options. */
export interface CommonPlanInput {
  /** The API's props as aws-cdk-lib's base class sees them. */
  readonly api: apigateway.RestApiBaseProps;
  /** Where the API is in the app, for its name. */
  readonly location: ApiLocation;
  /** The resilient options. */
  readonly options: ResilienceOptions;
  /** The integration timeout given, if any. */
  readonly integrationTimeout?: Duration;
  /** Where the integration timeout is given, for the messages. */
  readonly timeoutProperty: string;
  /** What is known of the functions behind the API. */
  readonly functions: HandlerFacts;
  /** The CORS options errors get, and where they were given. */
  readonly cors?: apigateway.CorsOptions;
  readonly corsProperty: string;
  /** Whether the test-invoke stage may invoke the functions, as the user said. */
  readonly allowTestInvoke?: boolean;
  /** Error response overrides of other origins (the API document), checked by their caller. */
  readonly extraOverrides?: ErrorResponseOverride[];
}

/**
 * Plans what both APIs share: fills in the defaults, runs the checks (the construct's own and the
 * monitoring options') and renders the error contract when nothing is wrong.
 */
export function planCommon(input: CommonPlanInput): CommonPlan {
  const { api, options } = input;
  const facts = input.functions;
  const integrationTimeout = input.integrationTimeout ?? DEFAULT_INTEGRATION_TIMEOUT;
  const deploy = api.deploy ?? true;
  // Without a deployment there is no stage to configure (aws-cdk-lib rejects deployOptions then).
  const deployOptions = deploy ? resolveStageOptions(api.deployOptions, facts.reservedConcurrency) : api.deployOptions ?? {};
  const permissionScope = options.invokePermissionScope ?? (deploy ? InvokePermissionScope.DEPLOYMENT_STAGE : InvokePermissionScope.ALL_STAGES);
  const endpointTypes = resolveEndpointTypes(api);
  const throttledRetryAfter = options.throttledRetryAfter ?? DEFAULT_THROTTLED_RETRY_AFTER;
  const checks = runChecks({
    integrationTimeoutMs: integrationTimeout.toMilliseconds(),
    timeoutProperty: input.timeoutProperty,
    endpointTypes: endpointTypes.map(String),
    acknowledgeTimeoutQuota: options.acknowledgeIntegrationTimeoutQuota ?? false,
    functionTimeoutSeconds: facts.timeoutSeconds,
    reservedConcurrency: facts.reservedConcurrency,
    loggingLevel: deployOptions.loggingLevel,
    dataTraceEnabled: deployOptions.dataTraceEnabled,
    throttlingRateLimit: deployOptions.throttlingRateLimit,
    throttlingBurstLimit: deployOptions.throttlingBurstLimit,
    throttledRetryAfterSeconds: throttledRetryAfter.toSeconds({ integral: false }),
    errorResponses: options.errorResponses?.map((o) => ({ ...o, type: o.type.responseType })),
    corsOrigins: input.cors?.allowOrigins,
    corsAllowCredentials: input.cors?.allowCredentials,
    corsProperty: input.corsProperty,
    permissionScope,
    allowTestInvoke: input.allowTestInvoke,
    deploy,
  });
  const ownAccessLogGroup = deploy && !deployOptions.accessLogDestination;
  const monitoringErrors = planMonitoring(options.monitoring, {
    hasAccessLogGroup: ownAccessLogGroup,
    functionTimeoutKnown: facts.timeoutSeconds !== undefined,
  }).errors;
  const errors = [...checks.errors, ...monitoringErrors];
  const corsHeaders = corsHeadersForErrors(input.cors);
  const apiName = resolveApiName(api.restApiName, input.location);
  const nameWarning = checkApiName(api.restApiName, input.location);

  return {
    errors,
    warnings: [...checks.warnings, ...(nameWarning ? [nameWarning] : [])],
    apiName,
    baseProps: {
      restApiName: apiName,
      endpointTypes: api.endpointConfiguration ? undefined : endpointTypes,
      deployOptions: deploy ? deployOptions : api.deployOptions,
      // The account's CloudWatch role is created by the construct, least-privilege, only when asked for.
      cloudWatchRole: false,
      cloudWatchRoleRemovalPolicy: undefined,
    },
    deployOptions: deploy ? deployOptions : undefined,
    integrationTimeout,
    endpointTypes: endpointTypes.map(String),
    acknowledgeTimeoutQuota: options.acknowledgeIntegrationTimeoutQuota ?? false,
    // The literal name: the Stage's stageName is a reference to the Stage, and the execution log
    // group named after it must exist before the stage (a circular dependency otherwise).
    stageName: deploy ? deployOptions.stageName ?? DEFAULT_STAGE_NAME : undefined,
    permissionScope,
    allowTestInvoke: input.allowTestInvoke ?? true,
    corsErrorHeaders: corsHeaders,
    errorResponses: errors.length === 0
      ? renderErrorResponses({
        throttledRetryAfterSeconds: throttledRetryAfter.toSeconds(),
        commonHeaders: corsHeaders,
        overrides: [...options.errorResponses ?? [], ...input.extraOverrides ?? []],
      })
      : [],
    logSettings: {
      retention: options.logRetention ?? DEFAULT_LOG_RETENTION,
      removalPolicy: options.logRemovalPolicy ?? RemovalPolicy.RETAIN,
      encryptionKey: options.logEncryptionKey,
    },
    executionLogging: deployOptions.loggingLevel !== apigateway.MethodLoggingLevel.OFF,
    ownAccessLogGroup,
  };
}

/**
 * Everything `ResilientLambdaRestApi` builds, decided from the props before any resource exists:
 * the props for `LambdaRestApi`, what to add after it, and what the checks found.
 */
export interface ApiPlan extends CommonPlan {
  /** The props for `LambdaRestApi`, resilient defaults filled in. */
  readonly superProps: apigateway.LambdaRestApiProps;
  /** The integration options of the handler, for further functions too. */
  readonly integrationOptions: apigateway.LambdaIntegrationOptions;
  /** aws-cdk-lib's two permissions per method, as the user asked; else one per function. */
  readonly perMethodPermissions: boolean;
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
 * Plans a `ResilientLambdaRestApi` from its props: the common plan, then the error mappings of a
 * custom integration and the integration options, so that bad input never leaves half an API behind.
 */
export function planApi(props: ResilientLambdaRestApiProps, location: ApiLocation): ApiPlan {
  const common = planCommon({
    api: props,
    location,
    options: props,
    integrationTimeout: props.integrationOptions?.timeout,
    timeoutProperty: 'integrationOptions.timeout',
    functions: handlerFacts(props.handler),
    cors: props.defaultCorsPreflightOptions,
    corsProperty: 'defaultCorsPreflightOptions',
    allowTestInvoke: props.integrationOptions?.allowTestInvoke,
  });

  const custom = props.integrationOptions?.proxy === false;
  // A custom integration without integration responses of the user's gets the 502 catch-all at least.
  const errorMappings = props.errorMappings ?? (custom && !props.integrationOptions?.integrationResponses ? [] : undefined);
  const mappingChecks = errorMappings ? checkErrorMappings(errorMappings) : { errors: [], warnings: [] };
  const errors = [...common.errors, ...conflictingMappingProps(props, custom), ...mappingChecks.errors];

  // Integration responses only take literal headers, so a CORS origin echo cannot go there.
  const literalCorsHeaders = Object.fromEntries(Object.entries(common.corsErrorHeaders).filter(([, value]) => value.startsWith("'")));
  const render = errors.length === 0;
  const integrationOptions: apigateway.LambdaIntegrationOptions = {
    ...props.integrationOptions,
    timeout: common.integrationTimeout,
    // One API-scoped permission for every method, whose scope the construct narrows.
    scopePermissionToMethod: props.integrationOptions?.scopePermissionToMethod ?? false,
    allowTestInvoke: undefined,
    integrationResponses: errorMappings && render
      ? renderIntegrationResponses(errorMappings, undefined, literalCorsHeaders)
      : props.integrationOptions?.integrationResponses,
  };

  return {
    ...common,
    errors,
    warnings: [...common.warnings, ...mappingChecks.warnings],
    errorResponses: render ? common.errorResponses : [],
    superProps: {
      ...props,
      ...common.baseProps,
      integrationOptions,
      defaultMethodOptions: errorMappings && render
        ? { ...props.defaultMethodOptions, methodResponses: renderMethodResponses(errorMappings, undefined, literalCorsHeaders) }
        : props.defaultMethodOptions,
    },
    integrationOptions,
    perMethodPermissions: props.integrationOptions?.scopePermissionToMethod === true,
  };
}
