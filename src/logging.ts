import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { renderAccessLogFormat } from './access-log-format';
import { acknowledge, accountRoleWildcardAck } from './acknowledgements';

/**
 * How the API's log groups are kept.
 */
export interface LogGroupSettings {
  /** How long log events are kept. */
  readonly retention: logs.RetentionDays;
  /** What happens to the log groups when the stack is deleted or they are replaced. */
  readonly removalPolicy: RemovalPolicy;
  /** A KMS key for the log groups, if any. */
  readonly encryptionKey?: kms.IKey;
}

/**
 * The name API Gateway writes execution logs to. Built from the API id and the literal stage
 * name: referring to the Stage here would make the stage, which depends on the group, circular.
 */
export function executionLogGroupName(restApiId: string, stageName: string): string {
  return `API-Gateway-Execution-Logs_${restApiId}/${stageName}`;
}

/**
 * Creates the execution log group under the name API Gateway uses, so that it has a retention
 * instead of the one API Gateway would create itself and keep forever, and makes the stage wait
 * for it (otherwise API Gateway may create it first and the deploy fails on the name).
 */
export function createExecutionLogGroup(
  scope: Construct, restApiId: string, stage: apigateway.Stage, stageName: string, settings: LogGroupSettings,
): logs.LogGroup {
  const group = new logs.LogGroup(scope, 'ExecutionLogs', {
    logGroupName: executionLogGroupName(restApiId, stageName),
    retention: settings.retention,
    removalPolicy: settings.removalPolicy,
    encryptionKey: settings.encryptionKey,
  });
  stage.node.addDependency(group);
  return group;
}

/**
 * Creates the access log group and points the stage's access logging at it, one JSON line per
 * request with the fields that name a failure.
 */
export function createAccessLogGroup(scope: Construct, stage: apigateway.Stage, settings: LogGroupSettings): logs.LogGroup {
  const group = new logs.LogGroup(scope, 'AccessLogs', {
    retention: settings.retention,
    removalPolicy: settings.removalPolicy,
    encryptionKey: settings.encryptionKey,
  });
  const cfnStage = stage.node.defaultChild as apigateway.CfnStage;
  cfnStage.accessLogSetting = { destinationArn: accessLogDestinationArn(group), format: renderAccessLogFormat() };
  return group;
}

/**
 * The log group's ARN as API Gateway stores it for an access log destination: without the `:*`
 * that the group's `Arn` attribute ends in, which drift detection would report as a change.
 */
export function accessLogDestinationArn(group: logs.ILogGroup): string {
  return Stack.of(group).formatArn({
    service: 'logs',
    resource: 'log-group',
    resourceName: group.logGroupName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** What API Gateway needs to push execution and access logs to CloudWatch Logs, and no more. */
export const LOG_PUSH_ACTIONS = [
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:DescribeLogGroups',
  'logs:DescribeLogStreams',
  'logs:PutLogEvents',
];

/**
 * Creates the account's API Gateway CloudWatch Logs role (one per account and region) with only
 * the actions that pushing logs needs, and makes the stage wait for it.
 */
export function createAccountCloudWatchRole(scope: Construct, stage: apigateway.Stage, removalPolicy: RemovalPolicy): apigateway.CfnAccount {
  const role = new iam.Role(scope, 'CloudWatchRole', {
    assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    description: 'Lets API Gateway push execution and access logs of every REST API in this account and region to CloudWatch Logs',
    inlinePolicies: {
      PushLogs: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: LOG_PUSH_ACTIONS,
            // API Gateway writes to groups of every API in the region under names it picks.
            resources: [`arn:${stage.stack.partition}:logs:${stage.stack.region}:${stage.stack.account}:*`],
          }),
        ],
      }),
    },
  });
  role.applyRemovalPolicy(removalPolicy);
  acknowledge(role, accountRoleWildcardAck(stage.stack));
  const account = new apigateway.CfnAccount(scope, 'Account', { cloudWatchRoleArn: role.roleArn });
  account.applyRemovalPolicy(removalPolicy);
  account.node.addDependency(role);
  stage.node.addDependency(account);
  return account;
}
