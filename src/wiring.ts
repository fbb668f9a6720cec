import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ACCOUNT_ROLE_WARNING, CheckWarning, IMPORTED_FUNCTION_WARNING, WARNING_PREFIX } from './checks';
import { tellFunction } from './function-environment';
import { createAccessLogGroup, createAccountCloudWatchRole, createExecutionLogGroup } from './logging';
import { MonitoringOptions, ResilientApiMonitoring } from './monitoring';
import { grantApiInvoke, invokeSourceArns, InvokeSourceArns } from './permissions';
import { CommonPlan } from './plan';

/** Raises a warning of this library on a construct, under its acknowledgeable id. */
export function warn(api: apigateway.RestApiBase, warning: CheckWarning): void {
  Annotations.of(api).addWarningV2(`${WARNING_PREFIX}:${warning.id}`, warning.message);
}

/**
 * Tells a function the API integrates its integration timeout and the API's error headers (its
 * environment, for the handler helpers), warning where it was told otherwise by another integration.
 */
export function tellIntegratedFunction(api: apigateway.RestApiBase, plan: CommonPlan, handler: lambda.IFunction, timeout?: Duration): void {
  const warning = tellFunction(handler, (timeout ?? plan.integrationTimeout).toMilliseconds(), plan.corsErrorHeaders);
  if (warning) {
    warn(api, warning);
  }
}

/**
 * Grants functions one invoke permission each (and one for the test-invoke stage) on an API,
 * whatever the number of methods or operations they serve, and tells each its deadline
 * (`tellIntegratedFunction`).
 */
export class InvokeGrants {
  private readonly arns: InvokeSourceArns;

  constructor(private readonly api: apigateway.RestApiBase, private readonly plan: CommonPlan) {
    this.arns = invokeSourceArns(api, plan.permissionScope, plan.stageName, plan.allowTestInvoke);
  }

  /**
   * Grants the function and tells it its deadline; an imported function's policy cannot be changed
   * here, which is warned about.
   *
   * @param timeout the integration timeout of this function's integrations, if not the API's
   */
  public grant(handler: lambda.IFunction, timeout?: Duration): void {
    if (!grantApiInvoke(this.api, handler, this.arns)) {
      warn(this.api, IMPORTED_FUNCTION_WARNING);
    }
    tellIntegratedFunction(this.api, this.plan, handler, timeout);
  }
}

/** What the stage wiring created. */
export interface WiredStage {
  readonly executionLogGroup?: logs.ILogGroup;
  readonly accessLogGroup?: logs.ILogGroup;
  readonly monitoring?: ResilientApiMonitoring;
}

/** The user's props the stage wiring reads. */
export interface StageWiringOptions {
  /** The user's monitoring options. */
  readonly monitoring?: MonitoringOptions;
  /** Whether the construct manages the account's CloudWatch Logs role. */
  readonly cloudWatchRole?: boolean;
  /** What happens to that role when the stack is deleted. */
  readonly cloudWatchRoleRemovalPolicy?: RemovalPolicy;
}

/**
 * Wires what both APIs add to their deployment stage after aws-cdk-lib built it: the log groups,
 * monitoring of the stage and of `handlers` (the first one's alarms are the construct's own, the
 * others get Lambda alarms of their own; the API's alarms exist without any), and the account's
 * CloudWatch Logs role (or the warning that it is not managed).
 */
export function wireStage(
  api: apigateway.RestApiBase, plan: CommonPlan, handlers: lambda.IFunction[], options: StageWiringOptions,
): WiredStage {
  const stageName = plan.stageName;
  if (stageName === undefined) {
    return {};
  }
  const stage = api.deploymentStage;
  const executionLogGroup = plan.executionLogging
    ? createExecutionLogGroup(api, api.restApiId, stage, stageName, plan.logSettings)
    : undefined;
  const accessLogGroup = plan.ownAccessLogGroup ? createAccessLogGroup(api, stage, plan.logSettings) : undefined;
  const monitoring = new ResilientApiMonitoring(api, 'Monitoring', {
    api,
    stageName,
    accessLogGroup,
    executionLogGroupName: executionLogGroup?.logGroupName,
    handler: handlers[0],
    additionalHandlers: handlers.length > 1 ? handlers.slice(1) : undefined,
    integrationTimeout: plan.integrationTimeout,
    options: options.monitoring,
  });
  if (options.cloudWatchRole === true) {
    createAccountCloudWatchRole(api, stage, options.cloudWatchRoleRemovalPolicy ?? RemovalPolicy.RETAIN);
  } else if (executionLogGroup || accessLogGroup) {
    warn(api, ACCOUNT_ROLE_WARNING);
  }
  return { executionLogGroup, accessLogGroup, monitoring };
}
