import { integratedFunctionId, isLambdaIntegration, MethodDef, methodPath, methodsDefinedBy, stagesOfApi } from '../rest-api';
import { ResilienceRule } from '../rule';
import { flatten, literal, placeholderId, referencedId, TemplateIndex } from '../template';

/** Where one `AWS::Lambda::Permission` lets API Gateway in, as far as the template tells. */
interface InvokeGrant {
  readonly logicalId: string;
  /** The function (or alias) logical id, or undefined when the template does not say which. */
  readonly functionId?: string;
  /** The SourceArn's API id, stage, method and path segments, flattened; undefined where the ARN stops before them (any). */
  readonly api?: string;
  readonly stage?: string;
  readonly method?: string;
  readonly path?: string;
}

/** `${AWS::Region}` and the like hold colons, which would split the ARN in the wrong places. */
function withoutPseudoParameters(arn: string): string {
  return arn.replace(/\$\{AWS::[A-Za-z]+\}/g, 'pseudo');
}

const EXECUTE_API_ARN = /:execute-api:[^:]*:[^:]*:([^/]*)(?:\/([^/]*))?(?:\/([^/]*))?(?:\/(.*))?$/;

function grantsOf(index: TemplateIndex): InvokeGrant[] {
  return index.cached('invokeGrants', () => index.ofType('AWS::Lambda::Permission')
    .filter(([, r]) => flatten(r.Properties?.Principal).includes('apigateway'))
    .map(([logicalId, r]): InvokeGrant => {
      const p = r.Properties;
      if (p.SourceArn === undefined) {
        return { logicalId, functionId: referencedId(p.FunctionName) };
      }
      const arn = EXECUTE_API_ARN.exec(withoutPseudoParameters(flatten(p.SourceArn)));
      return { logicalId, functionId: referencedId(p.FunctionName), api: arn?.[1] ?? '*', stage: arn?.[2], method: arn?.[3], path: arn?.[4] };
    }));
}

/** Whether a segment is unknown at synth or a wildcard: it may match anything. */
function open(segment: string | undefined): boolean {
  return segment === undefined || segment === '' || segment.includes('*') || segment.includes('${');
}

/** A literal API id that is a RestApi's logical id in this template: SAM writes it for `RestApiId: MyApi` given as a string. */
function namesApiByLogicalId(grant: InvokeGrant, index: TemplateIndex): boolean {
  return grant.api !== undefined && !open(grant.api) && index.resource(grant.api)?.Type === 'AWS::ApiGateway::RestApi';
}

function apiCovers(grant: InvokeGrant, restApiId: string, index: TemplateIndex): boolean {
  if (namesApiByLogicalId(grant, index)) {
    return false;
  }
  const id = grant.api === undefined ? undefined : placeholderId(grant.api);
  // A literal id from elsewhere, or an expression the template cannot resolve, may be this API.
  return id === undefined || index.resource(id) === undefined || id === restApiId;
}

function stageCovers(grant: InvokeGrant, stageName: string | undefined, index: TemplateIndex): boolean {
  if (stageName === undefined || grant.stage === undefined || grant.stage === '' || grant.stage.includes('*')) {
    return true;
  }
  if (!grant.stage.includes('${')) {
    return grant.stage === stageName;
  }
  const id = placeholderId(grant.stage);
  const value = id === undefined ? undefined : literal(index.resource(id)?.Properties?.StageName);
  return value === undefined || value === stageName;
}

/** Whether the grant's method and path cover a method: `*` matches across `/`, `{param}` is one segment. */
function routeCovers(grant: InvokeGrant, method: MethodDef, path: string | undefined): boolean {
  const methodCovered = open(grant.method) || (method.httpMethod !== 'ANY' && grant.method === method.httpMethod);
  if (!methodCovered || path === undefined || grant.path === undefined || grant.path.includes('${')) {
    return methodCovered;
  }
  const sample = path.replace(/^\//, '').replace(/\{[^}]+\}/g, 'x');
  const pattern = grant.path.replace(/^\//, '').split(/(\*|\{[^}]+\})/)
    .map((part) => (part === '*' ? '.*' : part.startsWith('{') ? '[^/]+' : part.replace(/[.+?^$()[\]|\\]/g, '\\$&'))).join('');
  return new RegExp(`^${pattern}$`).test(sample);
}

/** Why no grant covers, where the template tells more than "none". */
function whyNot(grants: InvokeGrant[], restApiId: string, stage: string | undefined, index: TemplateIndex): string {
  const byLogicalId = grants.find((g) => namesApiByLogicalId(g, index) && g.api === restApiId);
  if (byLogicalId) {
    return ` (${byLogicalId.logicalId} names the API by its logical id ${byLogicalId.api}, never the deployed id)`;
  }
  const routes = grants.filter((g) => apiCovers(g, restApiId, index) && stageCovers(g, stage, index)).map((g) => `${g.method} /${g.path ?? ''}`);
  return routes.length > 0 ? ` (its permissions cover ${[...new Set(routes)].join(', ')} only)` : '';
}

/** A method whose Lambda function has no permission for this API, stage, method and path: every call answers 500. */
export const MissingInvokePermission: ResilienceRule = {
  id: 'MissingInvokePermission',
  level: 'Error',
  trap: "The method's Lambda function has no resource-policy permission for this API, stage, method and path: every call answers 500 (\"Invalid permissions on Lambda function\").",
  fix: 'Add an AWS::Lambda::Permission for apigateway.amazonaws.com on the function with SourceArn arn:...:execute-api:REGION:ACCOUNT:API_ID/STAGE/*/* (or /*/*/* for every stage), the API id by Ref (never its logical id as a literal).',
  check: (logicalId, resource, index) => methodsDefinedBy(logicalId, resource).filter(isLambdaIntegration).flatMap((m) => {
    const functionId = integratedFunctionId(index, m);
    if (functionId === undefined || m.restApiId === undefined) {
      return [];
    }
    const restApiId = m.restApiId;
    const path = methodPath(index, m);
    const where = m.path === undefined && path !== undefined ? `${m.httpMethod} ${path}` : m.where;
    const grants = grantsOf(index).filter((g) => g.functionId === undefined || g.functionId === functionId);
    const stages = [...new Set(stagesOfApi(index, restApiId).map((s) => s.stageName))];
    return (stages.length > 0 ? stages : [undefined])
      .filter((stage) => !grants.some((g) => apiCovers(g, restApiId, index) && stageCovers(g, stage, index) && routeCovers(g, m, path)))
      .map((stage) => `${where}: ${functionId} has no invoke permission for ${stage === undefined ? 'this API' : `stage ${stage}`}${whyNot(grants, restApiId, stage, index)}`);
  }),
};
