/**
 * Estimates the size of each function's resource-based policy from a template's
 * `AWS::Lambda::Permission` resources: each becomes the statement Lambda stores (as `GetPolicy`
 * returns it), with the deploy-time values filled in at realistic lengths, and the policy's JSON
 * bytes are counted. Lambda refuses a policy above 20,480 bytes. One estimate for the benchmark,
 * the ResilienceChecks rules and the construct's own checks.
 */

/** Lambda's cap on a function's resource-based policy, in bytes. */
export const FUNCTION_POLICY_LIMIT_BYTES = 20_480;

/** The share of the cap above which a policy is called out before it breaks a deploy. */
export const POLICY_SIZE_WARNING_FRACTION = 0.8;

/** Deploy-time values with the lengths AWS gives them. */
export const DEPLOY_VALUES = {
  partition: 'aws',
  region: 'us-east-1',
  accountId: '123456789012',
  urlSuffix: 'amazonaws.com',
  /** REST API ids are 10 characters. */
  restApiId: 'a1b2c3d4e5',
  /** Deployment ids are 6 characters. */
  deploymentId: 'x1y2z3',
  /** CloudFormation ends the names it generates with a 12-character random suffix. */
  randomSuffix: 'AbCdEfGh1234',
};

/** Lambda's limits on a function name and on a statement id. */
const FUNCTION_NAME_MAX = 64;
const STATEMENT_ID_MAX = 100;

/** The part of a template the estimate reads. */
export interface PolicyTemplate {
  readonly Resources?: { [logicalId: string]: { readonly Type: string; readonly Properties?: any } };
}

/**
 * The physical name CloudFormation generates for a resource without one: `{stack}-{logicalId}-{suffix}`,
 * shortened to the limit (only its length matters here).
 */
export function generatedName(stackName: string, logicalId: string, maxLength: number): string {
  const suffix = `-${DEPLOY_VALUES.randomSuffix}`;
  return `${stackName}-${logicalId}`.slice(0, maxLength - suffix.length) + suffix;
}

/** Resolves the intrinsic functions a permission uses to the strings they take at deploy time. */
export function resolveValue(value: any, template: PolicyTemplate, stackName: string): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value && Array.isArray(value['Fn::Join'])) {
    const [separator, parts] = value['Fn::Join'];
    return (parts as any[]).map((p) => resolveValue(p, template, stackName)).join(separator);
  }
  if (value && typeof value.Ref === 'string') {
    return resolveRef(value.Ref, template, stackName);
  }
  if (value && Array.isArray(value['Fn::GetAtt'])) {
    const [logicalId, attribute] = value['Fn::GetAtt'];
    const resource = template.Resources?.[logicalId];
    if (resource?.Type === 'AWS::Lambda::Function' && attribute === 'Arn') {
      const { partition, region, accountId } = DEPLOY_VALUES;
      return `arn:${partition}:lambda:${region}:${accountId}:function:${resolveRef(logicalId, template, stackName)}`;
    }
    // Another attribute (an alias's or version's ARN, ...): as long as a function ARN with a qualifier.
    return `arn:${DEPLOY_VALUES.partition}:lambda:${DEPLOY_VALUES.region}:${DEPLOY_VALUES.accountId}:function:${resolveRef(logicalId, template, stackName)}:live`;
  }
  // Fn::Sub, Fn::ImportValue and the like: the text as written is about as long as its value.
  return JSON.stringify(value);
}

function resolveRef(name: string, template: PolicyTemplate, stackName: string): string {
  const pseudo: Record<string, string> = {
    'AWS::Partition': DEPLOY_VALUES.partition,
    'AWS::Region': DEPLOY_VALUES.region,
    'AWS::AccountId': DEPLOY_VALUES.accountId,
    'AWS::URLSuffix': DEPLOY_VALUES.urlSuffix,
    'AWS::StackName': stackName,
  };
  if (pseudo[name]) {
    return pseudo[name];
  }
  const resource = template.Resources?.[name];
  switch (resource?.Type) {
    case 'AWS::ApiGateway::RestApi':
      return DEPLOY_VALUES.restApiId;
    case 'AWS::ApiGateway::Deployment':
      return DEPLOY_VALUES.deploymentId;
    case 'AWS::ApiGateway::Stage':
      return resolveValue(resource.Properties.StageName, template, stackName);
    case 'AWS::Lambda::Function':
      return resource.Properties?.FunctionName !== undefined
        ? resolveValue(resource.Properties.FunctionName, template, stackName)
        : generatedName(stackName, name, FUNCTION_NAME_MAX);
    default:
      // A parameter or another resource: a name CloudFormation generates is as long as this.
      return generatedName(stackName, name, FUNCTION_NAME_MAX);
  }
}

/** The statement Lambda stores for one `AWS::Lambda::Permission` (service principal, optional source ARN and account). */
export function policyStatement(logicalId: string, properties: any, template: PolicyTemplate, stackName: string): object {
  const principal = resolveValue(properties.Principal, template, stackName);
  const condition: Record<string, Record<string, string>> = {};
  if (properties.SourceAccount !== undefined) {
    condition.StringEquals = { 'AWS:SourceAccount': resolveValue(properties.SourceAccount, template, stackName) };
  }
  if (properties.SourceArn !== undefined) {
    condition.ArnLike = { 'AWS:SourceArn': resolveValue(properties.SourceArn, template, stackName) };
  }
  return {
    Sid: generatedName(stackName, logicalId, STATEMENT_ID_MAX),
    Effect: 'Allow',
    Principal: principal.includes('.') ? { Service: principal } : { AWS: `arn:aws:iam::${principal}:root` },
    Action: resolveValue(properties.Action, template, stackName),
    Resource: resolveValue(properties.FunctionName, template, stackName),
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
}

/** The logical id of the function a permission's `FunctionName` refers to (its text where it refers to none). */
export function permissionTarget(properties: any): string {
  const target = properties?.FunctionName;
  return target?.['Fn::GetAtt']?.[0] ?? target?.Ref ?? JSON.stringify(target);
}

/** One function's resource-based policy, as estimated. */
export interface FunctionPolicy {
  /** The function's logical id. */
  readonly functionLogicalId: string;
  /** How many `AWS::Lambda::Permission` resources (statements) it has. */
  readonly permissions: number;
  /** The policy's estimated size in bytes (compact JSON, as Lambda measures it). */
  readonly bytes: number;
}

/**
 * The estimated resource-based policy of every function in the template that has permissions,
 * keyed by the logical id the permissions' `FunctionName` refers to.
 *
 * @param template a synthesized template (only its `AWS::Lambda::Permission` resources and what they refer to are read)
 * @param stackName the stack's name: it is part of every generated function name and statement id
 */
export function functionPolicies(template: PolicyTemplate, stackName: string): FunctionPolicy[] {
  const statements = new Map<string, object[]>();
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::Lambda::Permission') {
      continue;
    }
    const functionId = permissionTarget(resource.Properties);
    const list = statements.get(functionId) ?? [];
    list.push(policyStatement(logicalId, resource.Properties, template, stackName));
    statements.set(functionId, list);
  }
  return [...statements.entries()].map(([functionLogicalId, list]) => ({
    functionLogicalId,
    permissions: list.length,
    bytes: Buffer.byteLength(JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: list })),
  }));
}
