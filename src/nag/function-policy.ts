import { FunctionPolicy, functionPolicies } from '../policy-size';
import { CfnResourceJson, TemplateIndex } from './template';

const POLICY_HOLDERS = ['AWS::Lambda::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version'];

/** The estimated resource-based policy of a function (or alias, or version) of the template, if it has permissions. */
export function estimatedPolicyOf(logicalId: string, resource: CfnResourceJson, index: TemplateIndex): FunctionPolicy | undefined {
  if (!POLICY_HOLDERS.includes(resource.Type)) {
    return undefined;
  }
  const policies = index.cached('functionPolicies', () => new Map(functionPolicies(index.template, index.stackName).map((p) => [p.functionLogicalId, p])));
  return policies.get(logicalId);
}

/** The fix both policy-size rules name. */
export const ONE_PERMISSION_FIX = 'Grant API Gateway one API-scoped permission per function (SourceArn arn:...:execute-api:REGION:ACCOUNT:API_ID/STAGE/*/*, or LambdaIntegration with scopePermissionToMethod: false) instead of two per method.';
