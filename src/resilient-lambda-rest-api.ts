import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { runChecks } from './checks';
import { ResilientApiMonitoring } from './monitoring';
import { ApiPlan, planApi } from './plan';
import { ResilientLambdaRestApiProps } from './props';
import { InvokeGrants, warn, wireStage } from './wiring';

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

  constructor(scope: Construct, id: string, props: ResilientLambdaRestApiProps) {
    const plan = planApi(props);
    if (plan.errors.length > 0) {
      throw new Error(`ResilientLambdaRestApi '${id}': ${plan.errors.join('; ')}`);
    }
    super(scope, id, plan.superProps);
    this.plan = plan;
    this.integrationTimeout = plan.integrationTimeout;
    plan.warnings.forEach((w) => warn(this, w));

    if (!plan.perMethodPermissions) {
      this.invokeGrants = new InvokeGrants(this, plan);
      this.invokeGrants.grant(props.handler);
    }

    this.errorResponses = {};
    for (const response of plan.errorResponses) {
      this.errorResponses[response.responseType] = this.addGatewayResponse(`ErrorResponse_${response.responseType}`, {
        type: apigateway.ResponseType.of(response.responseType),
        statusCode: response.statusCode,
        responseHeaders: response.responseHeaders,
        templates: response.templates,
      });
    }

    const wired = wireStage(this, plan, props.handler, props);
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
    this.invokeGrants?.grant(handler);
    return integration;
  }
}
