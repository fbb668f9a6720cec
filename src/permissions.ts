import { AspectPriority, Aspects, Names, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { CheckWarning } from './checks';
import { FUNCTION_POLICY_LIMIT_BYTES, functionPolicies, permissionTarget, POLICY_SIZE_WARNING_FRACTION } from './policy-size';
import { stackResources } from './stack-resources';

/**
 * Which stages of the API may invoke the function.
 */
export enum InvokePermissionScope {
  /**
   * Only the API's deployment stage (`{api-id}/{stage}/*\/*`), plus the console's test-invoke
   * stage unless `integrationOptions.allowTestInvoke` is false.
   */
  DEPLOYMENT_STAGE = 'DEPLOYMENT_STAGE',
  /**
   * Every stage of this API, the console's test-invoke included (`{api-id}/*\/*\/*`). Use it when
   * you add stages of your own.
   */
  ALL_STAGES = 'ALL_STAGES',
}

/** API Gateway's stage name for calls made from the console's test button. */
export const TEST_INVOKE_STAGE = 'test-invoke-stage';

/**
 * The id aws-cdk-lib's `LambdaIntegration` gives its API-scoped permission. Creating the
 * permission under this id first makes every method bound later reuse it instead of adding two
 * permissions per method (the policy is capped at 20 KB, about 30 methods).
 */
export function apiScopedPermissionId(handler: lambda.IFunction, api: apigateway.IRestApi): string {
  return `ApiPermission.ApiScoped.${Names.nodeUniqueId(handler.node)}.${Names.nodeUniqueId(api.node)}`;
}

/**
 * The source ARNs allowed to invoke the function: the API's stages, and the console's test-invoke
 * stage where it is not already covered.
 */
export interface InvokeSourceArns {
  /** The stage (or every stage) of the API. */
  readonly stages: string;
  /** The console's test-invoke stage, if it needs a permission of its own. */
  readonly testInvoke?: string;
}

/**
 * The source ARNs allowed to invoke the function, for a scope. Without a stage name (no
 * deployment) the scope is every stage.
 */
export function invokeSourceArns(
  api: apigateway.RestApiBase, scope: InvokePermissionScope, stageName: string | undefined, allowTestInvoke: boolean,
): InvokeSourceArns {
  if (scope === InvokePermissionScope.ALL_STAGES || stageName === undefined) {
    return { stages: api.arnForExecuteApi('*', '/*', '*') };
  }
  return {
    stages: api.arnForExecuteApi('*', '/*', stageName),
    testInvoke: allowTestInvoke ? api.arnForExecuteApi('*', '/*', TEST_INVOKE_STAGE) : undefined,
  };
}

function findPermission(api: apigateway.RestApiBase, id: string): lambda.CfnPermission | undefined {
  const child = api.node.tryFindChild(id);
  return child instanceof lambda.CfnPermission ? child : undefined;
}

/**
 * Gives the API one invoke permission for its stages (and one for the test-invoke stage) on the
 * function, whatever the number of methods, and returns whether the function's policy could be
 * changed here (an imported function's cannot).
 */
export function grantApiInvoke(api: apigateway.RestApiBase, handler: lambda.IFunction, arns: InvokeSourceArns): boolean {
  const principal = new iam.ServicePrincipal('apigateway.amazonaws.com');
  const wanted: Array<[string, string]> = [[apiScopedPermissionId(handler, api), arns.stages]];
  if (arns.testInvoke) {
    wanted.push([`ApiPermission.TestInvoke.${Names.nodeUniqueId(handler.node)}`, arns.testInvoke]);
  }
  for (const [id, sourceArn] of wanted) {
    const existing = findPermission(api, id);
    if (existing) {
      existing.sourceArn = sourceArn;
    } else {
      handler.addPermission(id, { principal, scope: api, sourceArn });
    }
  }
  return wanted.every(([id]) => findPermission(api, id) !== undefined);
}

/** The resource types the policy estimate reads: permissions and what their properties refer to. */
const POLICY_ESTIMATE_TYPES = ['AWS::Lambda::Permission', 'AWS::Lambda::Function', 'AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Deployment', 'AWS::ApiGateway::Stage'];

/**
 * The fewest statements that can pass 80 % of the limit: a statement Lambda stores for API Gateway is
 * about 430 bytes, and no realistic one reaches 2 KB.
 */
const FEWEST_PERMISSIONS_NEAR_LIMIT = Math.ceil((FUNCTION_POLICY_LIMIT_BYTES * POLICY_SIZE_WARNING_FRACTION) / 2048);

/** The functions of the API's stack whose policy nears the size limit and that this API invokes, with their construct paths. */
function functionsNearPolicyLimit(api: apigateway.RestApiBase): Array<{ name: string; count: number; bytes: number }> {
  const stack = Stack.of(api);
  const constructs = stack.node.findAll();
  // Resolving is the costly part: below this many permissions in the stack no policy can near the limit.
  if (constructs.filter((c) => c instanceof lambda.CfnPermission).length < FEWEST_PERMISSIONS_NEAR_LIMIT) {
    return [];
  }
  const resources = stackResources(stack, POLICY_ESTIMATE_TYPES);
  const apiRef = JSON.stringify(stack.resolve(api.restApiId));
  const invokedByApi = new Set(Object.values(resources)
    .filter((r) => r.Type === 'AWS::Lambda::Permission' && JSON.stringify(r.Properties?.SourceArn ?? null).includes(apiRef))
    .map((r) => permissionTarget(r.Properties)));
  const paths = new Map(constructs.filter((c: IConstruct): c is lambda.CfnFunction => c instanceof lambda.CfnFunction)
    .map((f) => [stack.getLogicalId(f), f.node.scope?.node.path ?? f.node.path]));
  return functionPolicies({ Resources: resources }, stack.stackName)
    .filter((p) => invokedByApi.has(p.functionLogicalId) && p.bytes > FUNCTION_POLICY_LIMIT_BYTES * POLICY_SIZE_WARNING_FRACTION)
    .map((p) => ({ name: paths.get(p.functionLogicalId) ?? p.functionLogicalId, count: p.permissions, bytes: p.bytes }));
}

/** What to do about a policy near the limit, for a `RestApi` whose methods integrate functions. */
export const METHOD_PERMISSIONS_ADVICE = '`new LambdaIntegration(fn)` adds two permissions per method; integrate the function with `api.lambdaIntegration(fn)` instead, which adds one for the whole API.';

/**
 * Warns at synth about every function behind the API whose resource policy is estimated above
 * 80 % of Lambda's 20 KB limit, once the app's methods exist (they are added after the constructor).
 */
export function watchFunctionPolicySizes(
  api: apigateway.RestApiBase, warn: (warning: CheckWarning) => void, advice: string = METHOD_PERMISSIONS_ADVICE,
): void {
  Aspects.of(api).add({
    visit: (node) => {
      if (node !== api) {
        return;
      }
      for (const f of functionsNearPolicyLimit(api)) {
        warn({
          id: 'functionPolicyNearSizeLimit',
          message: `The resource policy of function ${f.name} holds ${f.count} permissions, an estimated ${f.bytes} bytes of Lambda's ` +
            `${FUNCTION_POLICY_LIMIT_BYTES}-byte limit: a few more and the deploy fails. ${advice}`,
        });
      }
    },
  }, { priority: AspectPriority.READONLY });
}
