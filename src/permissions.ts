import { Names } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

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
