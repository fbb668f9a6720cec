import { createHash } from 'crypto';
import { PhysicalName, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CheckWarning } from './checks';

/**
 * The longest name the construct generates. API Gateway documents no limit for REST API names;
 * 128 characters keep the name readable and well inside CloudWatch's 1024-character dimension values.
 */
export const MAX_GENERATED_API_NAME_LENGTH = 128;

/** Names that many APIs are given, compared without case or separators. */
const GENERIC_API_NAMES = new Set([
  'api', 'restapi', 'lambdaapi', 'lambdarestapi', 'myapi', 'backend', 'service', 'gateway', 'apigateway',
  'default', 'test', 'dev', 'prod', 'app', 'main',
]);

/** Where an API sits: what its default name is made of. */
export interface ApiLocation {
  /** The name of the top-level stack (CloudFormation stack names are unique in an account and region). */
  readonly stackName: string;
  /** The construct path of the API inside that stack, for example `Orders/Api`. */
  readonly pathInStack: string;
  /** The construct id of the API. */
  readonly id: string;
}

/**
 * Where the API `id` created in `scope` sits: its top-level stack and its path inside it (a nested
 * stack's own name is only known at deploy time).
 */
export function apiLocation(scope: Construct, id: string): ApiLocation {
  let stack = Stack.of(scope);
  while (stack.nestedStackParent) {
    stack = stack.nestedStackParent;
  }
  const scopePath = scope.node.path === stack.node.path ? '' : scope.node.path.slice(stack.node.path.length + 1);
  return { stackName: stack.stackName, pathInStack: scopePath ? `${scopePath}/${id}` : id, id };
}

/**
 * A name unique in the account and region, known at synth: the stack name and the API's path in
 * it, `-` between the parts; shortened with a hash of the whole when it would pass
 * `MAX_GENERATED_API_NAME_LENGTH`.
 */
export function uniqueApiName(location: ApiLocation): string {
  const full = `${location.stackName}-${location.pathInStack.split('/').join('-')}`;
  if (full.length <= MAX_GENERATED_API_NAME_LENGTH) {
    return full;
  }
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8).toUpperCase();
  return `${full.slice(0, MAX_GENERATED_API_NAME_LENGTH - hash.length - 1)}-${hash}`;
}

/**
 * The name API Gateway will give the API: the user's, or a unique one generated at synth where
 * the user gave none or asked for one to be generated (`PhysicalName.GENERATE_IF_NEEDED`), so
 * that the alarms' `ApiName` dimension is the real name.
 */
export function resolveApiName(given: string | undefined, location: ApiLocation): string {
  return given === undefined || given === PhysicalName.GENERATE_IF_NEEDED ? uniqueApiName(location) : given;
}

/**
 * A warning when a name the user gave is likely to be used by another API of the account and
 * region: CloudWatch keys REST API metrics by name, so their alarms would merge. Likely means the
 * construct id (the name `LambdaRestApi` gives by default) or a generic word, unless it holds the
 * stack name.
 */
export function checkApiName(given: string | undefined, location: ApiLocation): CheckWarning | undefined {
  if (given === undefined || Token.isUnresolved(given) || given === PhysicalName.GENERATE_IF_NEEDED) {
    return undefined;
  }
  const bare = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (bare(given).includes(bare(location.stackName))) {
    return undefined;
  }
  if (bare(given) !== bare(location.id) && !GENERIC_API_NAMES.has(bare(given))) {
    return undefined;
  }
  return {
    id: 'restApiNameMayCollide',
    message: `restApiName '${given}' is likely to be the name of another REST API in the same account and region (the construct id or a generic word). ` +
      'API Gateway metrics are keyed by ApiName, so the alarms would count both APIs\' requests. Leave restApiName out for a unique ' +
      `name ('${uniqueApiName(location)}'), or give one that names this API and its stack.`,
  };
}
