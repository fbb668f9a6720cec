import { integratedFunctionId, isLambdaIntegration, methodsDefinedBy, stagesOfApi } from '../rest-api';
import { ResilienceRule } from '../rule';
import { flatten, literal, placeholderId, referencedId, TemplateIndex } from '../template';

/** Where one `AWS::Lambda::Permission` lets API Gateway in, as far as the template tells. */
interface InvokeGrant {
  /** The function (or alias) logical id, or undefined when the template does not say which. */
  readonly functionId?: string;
  /** The SourceArn's API id and stage segments, flattened; undefined when there is no SourceArn (any API). */
  readonly api?: string;
  readonly stage?: string;
}

/** `${AWS::Region}` and the like hold colons, which would split the ARN in the wrong places. */
function withoutPseudoParameters(arn: string): string {
  return arn.replace(/\$\{AWS::[A-Za-z]+\}/g, 'pseudo');
}

function grantsOf(index: TemplateIndex): InvokeGrant[] {
  return index.cached('invokeGrants', () => index.ofType('AWS::Lambda::Permission')
    .map(([, r]) => r.Properties ?? {})
    .filter((p) => flatten(p.Principal).includes('apigateway'))
    .map((p): InvokeGrant => {
      const arn = p.SourceArn === undefined ? undefined : /:execute-api:[^:]*:[^:]*:([^/]*)\/?([^/]*)/.exec(withoutPseudoParameters(flatten(p.SourceArn)));
      return { functionId: referencedId(p.FunctionName), api: arn?.[1] ?? (p.SourceArn === undefined ? undefined : '*'), stage: arn?.[2] ?? '*' };
    }));
}

/**
 * Whether an ARN segment matches a value. A segment the template cannot resolve counts as a match;
 * so does a literal where literals cannot be compared (an API id from elsewhere).
 */
function segmentCovers(segment: string | undefined, wanted: string, resolve: (id: string) => string | undefined, literalsCompare: boolean): boolean {
  if (segment === undefined || segment === '' || segment.includes('*')) {
    return true;
  }
  if (!segment.includes('${')) {
    return !literalsCompare || segment === wanted;
  }
  const id = placeholderId(segment);
  const value = id === undefined ? undefined : resolve(id);
  return value === undefined || value === wanted;
}

function covers(grant: InvokeGrant, restApiId: string, stageName: string | undefined, index: TemplateIndex): boolean {
  const apiCovered = segmentCovers(grant.api, restApiId, (id) => (index.resource(id) ? id : undefined), false);
  const stageCovered = stageName === undefined
    || segmentCovers(grant.stage, stageName, (id) => literal(index.resource(id)?.Properties?.StageName), true);
  return apiCovered && stageCovered;
}

/** A method whose Lambda function has no permission for this API and stage: every call answers 500. */
export const MissingInvokePermission: ResilienceRule = {
  id: 'MissingInvokePermission',
  level: 'Error',
  trap: "The method's Lambda function has no resource-policy permission for this API and stage: every call answers 500 (\"Invalid permissions on Lambda function\").",
  fix: 'Add an AWS::Lambda::Permission for apigateway.amazonaws.com on the function with SourceArn arn:...:execute-api:REGION:ACCOUNT:API_ID/STAGE/*/* (or /*/*/* for every stage).',
  check: (logicalId, resource, index) => methodsDefinedBy(logicalId, resource).filter(isLambdaIntegration).flatMap((m) => {
    const functionId = integratedFunctionId(index, m);
    if (functionId === undefined || m.restApiId === undefined) {
      return [];
    }
    const grants = grantsOf(index).filter((g) => g.functionId === undefined || g.functionId === functionId);
    const stages = stagesOfApi(index, m.restApiId).map((s) => s.stageName);
    return (stages.length > 0 ? stages : [undefined])
      .filter((stage) => !grants.some((g) => covers(g, m.restApiId!, stage, index)))
      .map((stage) => `${m.where}: ${functionId} has no invoke permission for ${stage === undefined ? 'this API' : `stage ${stage}`}`);
  }),
};
