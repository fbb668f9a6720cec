import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { apiLocation } from './api-name';
import { runChecks } from './checks';
import { checkAddedGatewayResponse, GatewayResponsesByType, ReplacedResponse } from './contract/contract-responses';
import { ResilientApiMonitoring } from './monitoring';
import { watchFunctionPolicySizes } from './permissions';
import { ApiPlan, planApi } from './plan';
import { applyInjectors, BASE_INJECTION_IDS, checkSecondInjection, RESILIENT_LAMBDA_REST_API_INJECTION_ID } from './property-injection';
import { ResilientLambdaRestApiProps } from './props';
import { InvokeGrants, tellIntegratedFunction, warn, wireStage } from './wiring';

/**
 * A `LambdaRestApi` whose failures reach clients as documented JSON errors and reach operators
 * as logs that name the cause.
 *
 * It is a drop-in replacement: every `LambdaRestApiProps` property keeps its meaning. On top it
 * customises every gateway response into one JSON error shape with explicit status codes, grants
 * the handler one invoke permission however many methods there are, creates the execution and
 * access log groups with a retention, and sets stage defaults (ERROR logging, sampled tracing,
 * throttling).
 */
export class ResilientLambdaRestApi extends apigateway.LambdaRestApi {
  /**
   * The id that property injectors register for to set this construct's props. Injectors
   * registered for `LambdaRestApi` and `RestApi` apply too, after this one and before the
   * construct plans, so that their values are checked like given ones.
   */
  public static readonly PROPERTY_INJECTION_ID: string = RESILIENT_LAMBDA_REST_API_INJECTION_ID;

  /** The integration timeout in force. */
  public readonly integrationTimeout: Duration;

  /** The gateway responses of the error contract, by response type. */
  public readonly errorResponses: { [responseType: string]: apigateway.GatewayResponse };

  /** The log group of the stage's execution logs, where execution logging is on. */
  public readonly executionLogGroup?: logs.ILogGroup;

  /** The log group of the stage's access logs, unless the user gave a destination of their own. */
  public readonly accessLogGroup?: logs.ILogGroup;

  /** The deployment stage's metrics, metric filters, alarms and saved queries; undefined without a deployment stage. */
  public readonly monitoring?: ResilientApiMonitoring;

  private readonly plan: ApiPlan;
  private readonly invokeGrants?: InvokeGrants;
  private readonly responsesByType: GatewayResponsesByType;
  private readonly responseSetBy = new Map<string, ReplacedResponse>();

  constructor(scope: Construct, id: string, givenProps: ResilientLambdaRestApiProps) {
    const context = { scope, id };
    const props = applyInjectors([RESILIENT_LAMBDA_REST_API_INJECTION_ID, ...BASE_INJECTION_IDS], givenProps, context);
    const plan = planApi(props, apiLocation(scope, id));
    const errors = plan.errors.length > 0 ? plan.errors : checkSecondInjection(plan.superProps, context);
    if (errors.length > 0) {
      throw new Error(`ResilientLambdaRestApi '${id}': ${errors.join('; ')}`);
    }
    super(scope, id, plan.superProps);
    this.plan = plan;
    this.integrationTimeout = plan.integrationTimeout;
    plan.warnings.forEach((w) => warn(this, w));
    watchFunctionPolicySizes(this, (w) => warn(this, w));

    if (!plan.perMethodPermissions) {
      this.invokeGrants = new InvokeGrants(this, plan);
      this.invokeGrants.grant(props.handler);
    } else {
      tellIntegratedFunction(this, plan, props.handler);
    }

    this.errorResponses = {};
    this.responsesByType = new GatewayResponsesByType(this);
    const overridden = new Set((props.errorResponses ?? []).map((o) => o.type.responseType));
    for (const response of plan.errorResponses) {
      const type = response.responseType;
      this.errorResponses[type] = this.responsesByType.put(`ErrorResponse_${type}`, {
        type: apigateway.ResponseType.of(type),
        statusCode: response.statusCode,
        responseHeaders: response.responseHeaders,
        templates: response.templates,
      });
      this.responseSetBy.set(type, { setBy: overridden.has(type) ? 'errorResponses' : 'contract', id: `ErrorResponse_${type}` });
    }

    const wired = wireStage(this, plan, [props.handler], props);
    this.executionLogGroup = wired.executionLogGroup;
    this.accessLogGroup = wired.accessLogGroup;
    this.monitoring = wired.monitoring;
  }

  /**
   * A Lambda integration for another function of this API, with the handler's integration options
   * (timeout, proxy or custom with its error mappings) and one invoke permission for that function
   * however many methods use it, where `new LambdaIntegration(fn)` adds two per method.
   *
   * @param handler the function to integrate
   * @param options changes to the handler's integration options, checked like them
   */
  public lambdaIntegration(handler: lambda.IFunction, options: apigateway.LambdaIntegrationOptions = {}): apigateway.LambdaIntegration {
    const timeout = options.timeout ?? this.plan.integrationTimeout;
    const { errors } = runChecks({
      integrationTimeoutMs: timeout.toMilliseconds(),
      endpointTypes: this.plan.endpointTypes,
      acknowledgeTimeoutQuota: this.plan.acknowledgeTimeoutQuota,
      deploy: true,
    });
    if (errors.length > 0) {
      throw new Error(`ResilientLambdaRestApi '${this.node.id}'.lambdaIntegration: ${errors.join('; ')}`);
    }
    const integration = new apigateway.LambdaIntegration(handler, {
      ...this.plan.integrationOptions,
      ...options,
      timeout,
      scopePermissionToMethod: this.invokeGrants ? false : this.plan.integrationOptions.scopePermissionToMethod,
      allowTestInvoke: this.invokeGrants ? undefined : options.allowTestInvoke,
    });
    if (this.invokeGrants) {
      this.invokeGrants.grant(handler, timeout);
    } else {
      tellIntegratedFunction(this, this.plan, handler, timeout);
    }
    return integration;
  }

  /**
   * Adds a gateway response. For a type the error contract covers, it replaces the contract's
   * response of that type (one resource per type, under the id given), after the checks of
   * `errorResponses`: a bad status code or header is an error; no status on a specific type, a
   * body that is not valid JSON and no CORS headers on an API with CORS are warnings.
   *
   * @param id the construct id of the response
   * @param options the response's type, status, headers and templates
   */
  public addGatewayResponse(id: string, options: apigateway.GatewayResponseOptions): apigateway.GatewayResponse {
    const type = options.type.responseType;
    const replaced = this.responseSetBy.get(type);
    if (!replaced) {
      return super.addGatewayResponse(id, options);
    }
    const { errors, warnings } = checkAddedGatewayResponse(`addGatewayResponse('${id}')`, { ...options, type }, replaced, this.plan.corsErrorHeaders);
    if (errors.length > 0) {
      throw new Error(`ResilientLambdaRestApi '${this.node.id}': ${errors.join('; ')}`);
    }
    warnings.forEach((w) => warn(this, w));
    const response = this.responsesByType.put(id, options);
    this.errorResponses[type] = response;
    this.responseSetBy.set(type, { setBy: 'addGatewayResponse', id });
    return response;
  }
}
