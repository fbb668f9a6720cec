/** Lambda's limit on the size of a function's resource-based policy, in bytes. */
export const FUNCTION_POLICY_SIZE_LIMIT = 20_480;

/** The share of the limit above which a policy is called out: a few more methods break the deploy. */
export const POLICY_SIZE_WARNING_FRACTION = 0.8;

/**
 * One statement of a function's resource-based policy, as the template holds the
 * `AWS::Lambda::Permission` that adds it: values are strings or CloudFormation intrinsics
 * (`{ Ref }`, `{ 'Fn::GetAtt' }`, `{ 'Fn::Join' }`, ...), whose deploy-time length is estimated.
 */
export interface PermissionStatement {
  /** The permission's logical id: CloudFormation builds the statement id from it. */
  readonly logicalId: string;
  /** `Principal`. */
  readonly principal: unknown;
  /** `Action`. */
  readonly action: unknown;
  /** `FunctionName`: the statement's `Resource` is the function's ARN. */
  readonly functionName: unknown;
  /** `SourceArn`, if any. */
  readonly sourceArn?: unknown;
  /** `SourceAccount`, if any. */
  readonly sourceAccount?: unknown;
}

/** Deploy-time lengths of pseudo parameters, at their longest common values. */
const PSEUDO_PARAMETER_LENGTHS: { [name: string]: number } = {
  'AWS::Region': 14, // ap-southeast-2
  'AWS::AccountId': 12,
  'AWS::Partition': 3, // aws
  'AWS::URLSuffix': 13, // amazonaws.com
  'AWS::StackName': 32,
};
/** `arn:aws:lambda:ap-southeast-2:123456789012:function:` */
const FUNCTION_ARN_PREFIX_LENGTH = 53;
/** A function name CloudFormation generates, or any other name or id: Lambda's maximum. */
const NAME_LENGTH = 64;
/** A REST API id (ten characters), a stage name, and most other ids CloudFormation returns from `Ref`. */
const RESOURCE_ID_LENGTH = 10;
/** An ARN returned by `Fn::GetAtt`: a function's, at its longest. */
const ATTRIBUTE_ARN_LENGTH = FUNCTION_ARN_PREFIX_LENGTH + NAME_LENGTH;
/** CloudFormation names the statement `{stack name}-{logical id}-{random characters}`, cut like its other generated names (an *estimate*). */
const MAX_STATEMENT_ID_LENGTH = 64;

/**
 * The length a template value will have once deployed: literal strings as they are, pseudo
 * parameters and references at their longest common lengths, joins as the sum of their parts.
 */
export function estimateValueLength(value: unknown): number {
  if (typeof value === 'string') {
    return value.length;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value).length;
  }
  if (value === null || typeof value !== 'object') {
    return 0;
  }
  const intrinsic = value as { [name: string]: unknown };
  if (typeof intrinsic.Ref === 'string') {
    return PSEUDO_PARAMETER_LENGTHS[intrinsic.Ref] ?? RESOURCE_ID_LENGTH;
  }
  if (Array.isArray(intrinsic['Fn::GetAtt'])) {
    return intrinsic['Fn::GetAtt'][1] === 'Arn' ? ATTRIBUTE_ARN_LENGTH : NAME_LENGTH;
  }
  const join = intrinsic['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    const parts = join[1] as unknown[];
    return parts.reduce<number>((sum, part) => sum + estimateValueLength(part), 0) + String(join[0]).length * Math.max(0, parts.length - 1);
  }
  return NAME_LENGTH;
}

/** The length of the function ARN a `FunctionName` stands for (a name, an ARN or a reference to either). */
function functionArnLength(functionName: unknown): number {
  const length = estimateValueLength(functionName);
  const isArn = (typeof functionName === 'string' && functionName.startsWith('arn:')) ||
    (typeof functionName === 'object' && functionName !== null && ('Fn::GetAtt' in functionName || 'Fn::Join' in functionName));
  return isArn ? length : FUNCTION_ARN_PREFIX_LENGTH + Math.max(length, typeof functionName === 'string' ? 0 : NAME_LENGTH);
}

/** The JSON Lambda stores for one statement, with placeholders of the estimated lengths. */
function statementJson(statement: PermissionStatement, stackNameLength: number): string {
  const text = (length: number) => 'x'.repeat(length);
  const principalLength = estimateValueLength(statement.principal);
  const isService = typeof statement.principal !== 'string' || statement.principal.includes('.');
  const condition: { [operator: string]: { [key: string]: string } } = {};
  if (statement.sourceArn !== undefined) {
    condition.ArnLike = { 'AWS:SourceArn': text(estimateValueLength(statement.sourceArn)) };
  }
  if (statement.sourceAccount !== undefined) {
    condition.StringEquals = { 'AWS:SourceAccount': text(estimateValueLength(statement.sourceAccount)) };
  }
  return JSON.stringify({
    Sid: text(Math.min(MAX_STATEMENT_ID_LENGTH, stackNameLength + statement.logicalId.length + 14)),
    Effect: 'Allow',
    // An account principal is stored as its root ARN.
    Principal: isService ? { Service: text(principalLength) } : { AWS: text(principalLength + 18) },
    Action: text(estimateValueLength(statement.action)),
    Resource: text(functionArnLength(statement.functionName)),
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  });
}

/**
 * The estimated size in bytes of a function's resource-based policy holding these statements,
 * to compare with `FUNCTION_POLICY_SIZE_LIMIT`. Lengths only known at deploy time are taken at
 * their longest common values, so the estimate errs on the large side.
 *
 * @param statements every permission on one function (or one alias or version)
 * @param stackNameLength the length of the stack name, part of every generated statement id
 */
export function estimatePolicySize(statements: PermissionStatement[], stackNameLength: number = PSEUDO_PARAMETER_LENGTHS['AWS::StackName']): number {
  const envelope = JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: [] }).length;
  return statements.reduce((sum, statement, i) => sum + statementJson(statement, stackNameLength).length + (i > 0 ? 1 : 0), envelope);
}
