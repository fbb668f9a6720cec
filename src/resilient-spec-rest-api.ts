import { Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { apiLocation } from './api-name';
import { ResilientApiMonitoring } from './monitoring';
import { placeDocument } from './openapi/document-placement';
import { grantOwnIntegrations, OWN_PERMISSIONS_ADVICE, unwatchedFunctionsWarning } from './openapi/own-integration-grants';
import { lambdaIntegrationUri } from './openapi/spec-binding';
import { planSpecApi, SpecApiPlan } from './openapi/spec-plan';
import { watchFunctionPolicySizes } from './permissions';
import { ResilientSpecRestApiProps } from './props';
import { InvokeGrants, warn, wireStage } from './wiring';

/**
 * A `SpecRestApi` (an API defined by an OpenAPI document) with the same guarantees as
 * `ResilientLambdaRestApi`: the documented JSON error contract, one invoke permission per
 * function, execution and access logs with a retention, stage defaults and alarms.
 *
 * It is a drop-in replacement: every `SpecRestApiProps` property keeps its meaning. The document
 * is read at synth; each operation named in `integrations` gets a Lambda proxy integration, the
 * error contract goes in as the document's gateway responses, and the transformed document is
 * what API Gateway imports. Routes cost no CloudFormation resources, so one stack holds thousands
 * of operations.
 */
export class ResilientSpecRestApi extends apigateway.SpecRestApi {
  /** The integration timeout in force for the operations bound in `integrations`. */
  public readonly integrationTimeout: Duration;

  /** The log group of the stage's execution logs, where execution logging is on. */
  public readonly executionLogGroup?: logs.ILogGroup;

  /** The log group of the stage's access logs, unless the user gave a destination of their own. */
  public readonly accessLogGroup?: logs.ILogGroup;

  /**
   * The deployment stage's metrics, metric filters, alarms and saved queries, whatever is bound;
   * its Lambda alarms watch the function behind the most operations, `additionalHandlerAlarms`
   * every other function the stack can name. Undefined without a deployment stage.
   */
  public readonly monitoring?: ResilientApiMonitoring;

  /** The response types of the error contract, which live in the document. */
  private readonly contractTypes: Set<string>;

  constructor(scope: Construct, id: string, props: ResilientSpecRestApiProps) {
    const location = apiLocation(scope, id);
    const inline = planSpecApi(props, location, (handler) => lambdaIntegrationUri(handler, Stack.of(scope)));
    if (inline.errors.length > 0) {
      throw new Error(`ResilientSpecRestApi '${id}': ${inline.errors.join('; ')}`);
    }
    const plan = placeDocumentOrThrow(id, inline, Stack.of(scope), (uriOf) => planSpecApi(props, location, uriOf));
    super(scope, id, plan.superProps);
    this.integrationTimeout = plan.integrationTimeout;
    plan.warnings.forEach((w) => warn(this, w));

    const grants = new InvokeGrants(this, plan);
    for (const handler of plan.functions.keys()) {
      grants.grant(handler);
    }
    const own = grantOwnIntegrations(this, plan.ownIntegrations, props.deployOptions?.variables ?? {}, (fn) => grants.grant(fn));
    own.warnings.forEach((w) => warn(this, w));
    watchFunctionPolicySizes(this, (w) => warn(this, w), OWN_PERMISSIONS_ADVICE);

    // aws-cdk-lib hashes no SpecRestApi body into the deployment: without this a changed document never reaches the stage.
    this.latestDeployment?.addToLogicalId(plan.document);

    const wired = wireStage(this, plan, [...plan.functions.keys(), ...own.functions], props);
    if (wired.monitoring && plan.monitoringEnabled && own.unwatched.length > 0) {
      warn(this, unwatchedFunctionsWarning(own.unwatched));
    }
    this.executionLogGroup = wired.executionLogGroup;
    this.accessLogGroup = wired.accessLogGroup;
    this.monitoring = wired.monitoring;
    this.contractTypes = new Set(plan.errorResponses.map((r) => r.responseType));
  }

  /**
   * Adds a gateway response for a type the error contract does not cover. The contract's types live
   * in the document's `x-amazon-apigateway-gateway-responses`, and a `GatewayResponse` resource of
   * the same type would race them (API Gateway keeps whichever was written last): change those
   * through `errorResponses`, which this refuses to bypass.
   *
   * @param id the construct id of the response
   * @param options the response's type, status, headers and templates
   */
  public addGatewayResponse(id: string, options: apigateway.GatewayResponseOptions): apigateway.GatewayResponse {
    const type = options.type.responseType;
    if (this.contractTypes.has(type)) {
      throw new Error(`ResilientSpecRestApi '${this.node.id}'.addGatewayResponse('${id}'): ${type} is part of the error contract written into the ` +
        'OpenAPI document, and a second definition would race it; change it with errorResponses: [{ type: ResponseType.' + type + ', ... }] instead');
    }
    return super.addGatewayResponse(id, options);
  }
}

function placeDocumentOrThrow(id: string, plan: SpecApiPlan, stack: Stack, replan: Parameters<typeof placeDocument>[2]): SpecApiPlan {
  try {
    return placeDocument(plan, stack, replan);
  } catch (e) {
    throw new Error(`ResilientSpecRestApi '${id}': ${(e as Error).message}`);
  }
}
