import { CfnResourceJson, flatten, literal, placeholderId, referencedId, TemplateIndex } from './template';
import { gatewayResponseHeaders } from '../contract/failure-modes';

/**
 * The REST APIs of a template as the rules see them, whether they are built from
 * `AWS::ApiGateway::*` resources (`RestApi`, `LambdaRestApi`, `CfnRestApi`) or from an OpenAPI
 * `Body` (`SpecRestApi`), where the responses and integrations live in `x-amazon-apigateway-*`
 * extensions.
 */

/** One gateway response, wherever it is defined. */
export interface GatewayResponseDef {
  /** The logical id of the RestApi it belongs to, where the template says. */
  readonly restApiId?: string;
  readonly responseType: string;
  readonly statusCode?: string;
  /** Header name to mapping expression. */
  readonly headers: { [name: string]: string };
  /** Content type to body template. */
  readonly templates: { [contentType: string]: string };
}

/** One integration response of a method's integration. */
export interface IntegrationResponseDef {
  readonly selectionPattern?: string;
  readonly statusCode?: string;
}

/** One method and its integration, wherever it is defined. */
export interface MethodDef {
  readonly restApiId?: string;
  /** Upper case, `ANY` for OpenAPI's `x-amazon-apigateway-any-method`. */
  readonly httpMethod: string;
  /** `GET /path` where the template says the path (OpenAPI), else `GET method` (the finding names the resource). */
  readonly where: string;
  /** The resource path (`/orders/{id}`) where the method's definition holds it (OpenAPI); see `methodPath`. */
  readonly path?: string;
  /** The `ResourceId` of an `AWS::ApiGateway::Method`, as the template writes it. */
  readonly resourceRef?: unknown;
  /** Upper case integration type (`AWS_PROXY`, `AWS`, `MOCK`, ...), if there is an integration. */
  readonly integrationType?: string;
  /** The integration URI, flattened (see `flatten`). */
  readonly uri?: string;
  readonly timeoutMs?: number;
  readonly integrationResponses: IntegrationResponseDef[];
  /** Header names the integration responses set (`Access-Control-Allow-Origin`, ...), lower case. */
  readonly responseHeaders: string[];
}

/** A stage of a REST API. */
export interface StageDef {
  readonly logicalId: string;
  readonly restApiId?: string;
  /** The stage name, where it is a literal. */
  readonly stageName?: string;
  /** The stage name as the template writes it, flattened (`${StageName}` for a parameter; see `flatten`). */
  readonly nameExpression: string;
  readonly properties: any;
}

const GATEWAY_RESPONSE = 'AWS::ApiGateway::GatewayResponse';
const REST_API = 'AWS::ApiGateway::RestApi';
const METHOD = 'AWS::ApiGateway::Method';

/** The OpenAPI definition of a `RestApi` resource, where it is inline. */
function bodyOf(resource: CfnResourceJson): any {
  const body = resource.Properties?.Body;
  return body && typeof body === 'object' ? body : undefined;
}

/** The gateway responses a resource defines: itself if it is one, its OpenAPI extension if it is a RestApi. */
export function gatewayResponsesDefinedBy(logicalId: string, resource: CfnResourceJson): GatewayResponseDef[] {
  if (resource.Type === GATEWAY_RESPONSE) {
    const p = resource.Properties ?? {};
    return [{
      restApiId: referencedId(p.RestApiId),
      responseType: String(p.ResponseType),
      statusCode: literal(p.StatusCode),
      headers: gatewayResponseHeaders(p.ResponseParameters),
      templates: p.ResponseTemplates ?? {},
    }];
  }
  const responses = resource.Type === REST_API ? bodyOf(resource)?.['x-amazon-apigateway-gateway-responses'] : undefined;
  return Object.entries<any>(responses ?? {}).map(([responseType, r]) => ({
    restApiId: logicalId,
    responseType,
    statusCode: literal(r?.statusCode),
    headers: gatewayResponseHeaders(r?.responseParameters),
    templates: r?.responseTemplates ?? {},
  }));
}

/** Every gateway response of a REST API, from its own resources and its OpenAPI body. */
export function gatewayResponsesOfApi(index: TemplateIndex, restApiId: string): GatewayResponseDef[] {
  const all = index.cached('gatewayResponses', () => [...index.ofType(GATEWAY_RESPONSE), ...index.ofType(REST_API)]
    .flatMap(([id, r]) => gatewayResponsesDefinedBy(id, r)));
  return all.filter((r) => r.restApiId === restApiId);
}

const OPENAPI_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method'];
const RESPONSE_HEADER = /^method\.response\.header\.(.+)$/;

function headerNames(parameters: { [key: string]: unknown }[]): string[] {
  return parameters.flatMap((p) => Object.keys(p ?? {}))
    .map((key) => RESPONSE_HEADER.exec(key)?.[1]?.toLowerCase())
    .filter((name): name is string => name !== undefined);
}

function cfnMethod(p: any): MethodDef {
  const integration = p.Integration;
  const responses: any[] = integration?.IntegrationResponses ?? [];
  const httpMethod = String(p.HttpMethod ?? '').toUpperCase();
  return {
    restApiId: referencedId(p.RestApiId),
    httpMethod,
    where: `${httpMethod} method`,
    resourceRef: p.ResourceId,
    integrationType: integration?.Type ? String(integration.Type).toUpperCase() : undefined,
    uri: integration?.Uri !== undefined ? flatten(integration.Uri) : undefined,
    timeoutMs: typeof integration?.TimeoutInMillis === 'number' ? integration.TimeoutInMillis : undefined,
    integrationResponses: responses.map((r) => ({ selectionPattern: literal(r?.SelectionPattern), statusCode: literal(r?.StatusCode) })),
    responseHeaders: headerNames(responses.map((r) => r?.ResponseParameters)),
  };
}

function openApiMethods(restApiId: string, body: any): MethodDef[] {
  const methods: MethodDef[] = [];
  for (const [path, item] of Object.entries<any>(body?.paths ?? {})) {
    for (const key of OPENAPI_METHODS) {
      const operation = item?.[key];
      if (!operation) {
        continue;
      }
      const integration = operation['x-amazon-apigateway-integration'];
      const responses = Object.entries<any>(integration?.responses ?? {});
      methods.push({
        restApiId,
        httpMethod: key === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase(),
        where: `${key === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase()} ${path}`,
        path,
        integrationType: integration?.type ? String(integration.type).toUpperCase() : undefined,
        uri: integration?.uri !== undefined ? flatten(integration.uri) : undefined,
        timeoutMs: typeof integration?.timeoutInMillis === 'number' ? integration.timeoutInMillis : undefined,
        integrationResponses: responses.map(([pattern, r]) => ({ selectionPattern: pattern === 'default' ? undefined : pattern, statusCode: literal(r?.statusCode) })),
        responseHeaders: headerNames(responses.map(([, r]) => r?.responseParameters)),
      });
    }
  }
  return methods;
}

/** The methods a resource defines: itself if it is a Method, its OpenAPI paths if it is a RestApi. */
export function methodsDefinedBy(logicalId: string, resource: CfnResourceJson): MethodDef[] {
  if (resource.Type === METHOD) {
    return [cfnMethod(resource.Properties ?? {})];
  }
  return resource.Type === REST_API ? openApiMethods(logicalId, bodyOf(resource)) : [];
}

/** Every method of a REST API, from its own resources and its OpenAPI body. */
export function methodsOfApi(index: TemplateIndex, restApiId: string): MethodDef[] {
  const all = index.cached('methods', () => [...index.ofType(METHOD), ...index.ofType(REST_API)].flatMap(([id, r]) => methodsDefinedBy(id, r)));
  return all.filter((m) => m.restApiId === restApiId);
}

function stageOf([logicalId, r]: [string, CfnResourceJson]): StageDef {
  const p = r.Properties ?? {};
  return { logicalId, restApiId: referencedId(p.RestApiId), stageName: literal(p.StageName), nameExpression: flatten(p.StageName), properties: p };
}

/**
 * Every stage of a REST API: its `Stage` resources and the stages `Deployment`s name. A `Deployment`
 * naming a stage that a `Stage` resource of the same API already defines (a canary deployment) is
 * the same stage, counted once as the `Stage`.
 */
export function stagesOfApi(index: TemplateIndex, restApiId: string): StageDef[] {
  const all = index.cached('stages', () => {
    const stages = index.ofType('AWS::ApiGateway::Stage').map(stageOf);
    const defined = new Set(stages.map((s) => JSON.stringify([s.restApiId, s.nameExpression])));
    const deployed = index.ofType('AWS::ApiGateway::Deployment').filter(([, r]) => r.Properties?.StageName !== undefined).map(stageOf)
      .filter((s) => !defined.has(JSON.stringify([s.restApiId, s.nameExpression])));
    return [...stages, ...deployed];
  });
  return all.filter((s) => s.restApiId === restApiId);
}

/**
 * The resource path of a method (`/orders/{id}`): from its OpenAPI path, or by following an
 * `AWS::ApiGateway::Method`'s `ResourceId` up the `AWS::ApiGateway::Resource` parents to the API's
 * root. Undefined where the template does not tell (a resource from elsewhere).
 */
export function methodPath(index: TemplateIndex, method: MethodDef): string | undefined {
  if (method.path !== undefined) {
    return method.path;
  }
  const parts: string[] = [];
  let ref: any = method.resourceRef;
  for (let depth = 0; depth < 100; depth++) {
    const getAtt = ref?.['Fn::GetAtt'];
    if ((Array.isArray(getAtt) && getAtt[1] === 'RootResourceId') || (typeof getAtt === 'string' && getAtt.endsWith('.RootResourceId'))) {
      return `/${parts.reverse().join('/')}`;
    }
    const id = referencedId(ref);
    const resource = id === undefined ? undefined : index.resource(id);
    const part = literal(resource?.Properties?.PathPart);
    if (resource?.Type !== 'AWS::ApiGateway::Resource' || part === undefined) {
      return undefined;
    }
    parts.push(part);
    ref = resource.Properties.ParentId;
  }
  return undefined;
}

/** The endpoint types of a RestApi resource (API Gateway's default is EDGE). */
export function endpointTypesOf(restApi: CfnResourceJson | undefined): string[] {
  const types = restApi?.Properties?.EndpointConfiguration?.Types;
  return Array.isArray(types) ? types.map(String) : ['EDGE'];
}

const LAMBDA_URI = /:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/;

/** Whether an integration calls Lambda (a Lambda proxy or custom integration). */
export function isLambdaIntegration(method: MethodDef): boolean {
  return (method.integrationType === 'AWS_PROXY' || method.integrationType === 'AWS') && method.uri !== undefined && LAMBDA_URI.test(method.uri);
}

/**
 * The logical id of the function (or alias, or version) a Lambda integration calls, where it is
 * in this template; undefined for a function given by ARN or from elsewhere.
 */
export function integratedFunctionId(index: TemplateIndex, method: MethodDef): string | undefined {
  const target = method.uri ? LAMBDA_URI.exec(method.uri)?.[1] : undefined;
  const id = target ? placeholderId(target) : undefined;
  return id !== undefined && index.resource(id) !== undefined ? id : undefined;
}

/** The `AWS::Lambda::Function` behind a function, alias or version logical id, where it is in this template. */
export function underlyingFunctionId(index: TemplateIndex, logicalId: string): string | undefined {
  const resource = index.resource(logicalId);
  if (resource?.Type === 'AWS::Lambda::Function') {
    return logicalId;
  }
  if (resource?.Type === 'AWS::Lambda::Alias' || resource?.Type === 'AWS::Lambda::Version') {
    const target = referencedId(resource.Properties?.FunctionName);
    return target !== undefined && index.resource(target)?.Type === 'AWS::Lambda::Function' ? target : undefined;
  }
  return undefined;
}
