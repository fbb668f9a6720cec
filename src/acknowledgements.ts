import { Annotations, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { cdkVersionAtLeast, FINDING_ACKNOWLEDGEMENT_CDK_VERSION, INSTALLED_CDK_VERSION } from './cdk-version';
import { unacknowledgedFindingWarning, WARNING_PREFIX } from './checks';

/**
 * A rule finding the construct acknowledges on one of its own resources, with the reason. Each is
 * listed in the README. Findings that are the user's decision (authorization, WAF, request
 * validation) are never acknowledged here: they must stay visible.
 */
export interface RuleAcknowledgement {
  /** The rule id, for example `AwsSolutions-IAM5`. */
  readonly id: string;
  /** Why the finding does not apply to this resource. */
  readonly reason: string;
}

/**
 * The account's CloudWatch Logs role writes the log groups of every REST API in the region. Only
 * the one finding, for the one resource ARN, is acknowledged (cdk-nag's finding id names it).
 */
export function accountRoleWildcardAck(stack: Stack): RuleAcknowledgement {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  return {
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${region}:${account}:*]`,
    reason: ACCOUNT_ROLE_WILDCARD_REASON,
  };
}

const ACCOUNT_ROLE_WILDCARD_REASON = "API Gateway's account-wide CloudWatch Logs role writes the execution and access logs of every REST API in this account " +
    'and region, to log groups whose names API Gateway picks; it is limited to this account and region and to the five actions pushing logs needs.';

/**
 * Acknowledges a finding on one construct (and its children) only. An aws-cdk-lib older than
 * FINDING_ACKNOWLEDGEMENT_CDK_VERSION rejects the id of one finding (`Rule[Resource::…]`): there the
 * finding stays visible and a warning on the construct names the version that acknowledges it.
 */
export function acknowledge(scope: IConstruct, ack: RuleAcknowledgement, cdkVersion: string = INSTALLED_CDK_VERSION): void {
  if (ack.id.includes('::') && !cdkVersionAtLeast(cdkVersion, FINDING_ACKNOWLEDGEMENT_CDK_VERSION)) {
    const warning = unacknowledgedFindingWarning(ack.id, cdkVersion, FINDING_ACKNOWLEDGEMENT_CDK_VERSION);
    Annotations.of(scope).addWarningV2(`${WARNING_PREFIX}:${warning.id}`, warning.message);
    return;
  }
  Validations.of(scope).acknowledge({ id: ack.id, reason: ack.reason });
}
