import { Lazy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Dependable, IConstruct } from 'constructs';
import { CheckResult, CheckWarning, checkFallbackStatus, checkJsonTemplates, checkResponseHeaders, checkStatusCode, ErrorResponseCheckInput } from '../checks';
import { ERROR_RESPONSE_DEFAULTS, FALLBACK_RESPONSE_TYPES } from './error-responses';

/** Who set the gateway response that `addGatewayResponse` replaces. */
export interface ReplacedResponse {
  /** `contract` (the construct's default), `errorResponses` (the user's override) or `addGatewayResponse`. */
  readonly setBy: 'contract' | 'errorResponses' | 'addGatewayResponse';
  /** The construct id of the response, for messages. */
  readonly id: string;
}

/**
 * Checks a gateway response added with `addGatewayResponse` for a type the error contract covers.
 * What the deploy would refuse (a bad status code or header) is an error, like in `errorResponses`;
 * what it accepts but drops a guarantee of the contract is a warning: no status on a specific type,
 * a body that is not valid JSON once API Gateway substitutes hostile values, no CORS headers while
 * the API has CORS. Setting a type twice (or next to `errorResponses`) is an error.
 *
 * @param property how to name the call in messages, for example `addGatewayResponse('Cors5xx')`
 * @param response the settings given
 * @param replaced the response of that type that exists
 * @param corsHeaders the headers the contract puts on error responses for the API's CORS (none without CORS)
 */
export function checkAddedGatewayResponse(
  property: string, response: ErrorResponseCheckInput, replaced: ReplacedResponse, corsHeaders: { [name: string]: string },
): CheckResult {
  const errors: string[] = [];
  const warnings: CheckWarning[] = [];
  if (replaced.setBy !== 'contract') {
    errors.push(`${property}: ${response.type} is already set by ${replaced.setBy === 'errorResponses' ? 'errorResponses' : `addGatewayResponse('${replaced.id}')`}; ` +
      'give one setting per response type (API Gateway keeps one response per type)');
  }
  const statusError = checkStatusCode(`${property}.statusCode`, response.statusCode);
  if (statusError) {
    errors.push(statusError);
  }
  errors.push(...checkResponseHeaders(`${property}.responseHeaders`, response.responseHeaders));

  const fallbackWarning = checkFallbackStatus(property, response);
  if (fallbackWarning) {
    warnings.push(fallbackWarning);
  }
  const contractStatus = ERROR_RESPONSE_DEFAULTS.find((d) => d.responseType === response.type)?.statusCode;
  if (!FALLBACK_RESPONSE_TYPES.includes(response.type) && response.statusCode === undefined) {
    warnings.push({
      id: 'gatewayResponseWithoutStatus',
      message: `${property} customises ${response.type} without a statusCode: API Gateway then answers the type's own default status, ` +
        'which the README\'s error contract does not promise (customising INTEGRATION_FAILURE without one turns function errors into 504). ' +
        `Set statusCode${contractStatus ? ` (the contract's is ${contractStatus})` : ''}.`,
    });
  }
  const templates = response.templates ?? {};
  const jsonTemplates = Object.keys(templates).filter((contentType) => contentType.toLowerCase().includes('json'));
  const jsonProblems = checkJsonTemplates(`${property}.templates`, response.templates);
  if (jsonProblems.length > 0 || (Object.keys(templates).length > 0 && jsonTemplates.length === 0)) {
    warnings.push({
      id: 'gatewayResponseBodyNotJson',
      message: jsonProblems.length > 0
        ? `${jsonProblems.join('; ')}. Clients that parse error bodies as JSON then fail.`
        : `${property} has no JSON template (only ${Object.keys(templates).join(', ')}): clients that parse error bodies as JSON get something else.`,
    });
  }
  const given = new Set(Object.keys(response.responseHeaders ?? {}).map((name) => name.toLowerCase()));
  const missingCors = Object.keys(corsHeaders).filter((name) => name.toLowerCase().startsWith('access-control-') && !given.has(name.toLowerCase()));
  if (missingCors.length > 0) {
    warnings.push({
      id: 'gatewayResponseWithoutCors',
      message: `${property} has no ${missingCors.join(', ')} header while the API has CORS: browsers then report a CORS failure and hide the ` +
        `real status of ${response.type}. Add ${missingCors.map((name) => `'${name}': "${corsHeaders[name]}"`).join(', ')} to responseHeaders.`,
    });
  }
  return { errors, warnings };
}

/**
 * The gateway responses of one API, at most one per type, that a response of the same type can
 * replace: the replaced one leaves the template instead of fighting the new one for the type.
 * aws-cdk-lib ties every gateway response to the deployment when it is created; these are tied
 * through a dependency and a logical-id hash that read the current set at synth time, so that a
 * replaced response leaves no trace behind.
 */
export class GatewayResponsesByType {
  private readonly responses = new Map<string, apigateway.GatewayResponse>();
  /** The API without its deployment, so that aws-cdk-lib does not tie the responses to it itself. */
  private readonly detachedApi: apigateway.IRestApi;

  constructor(private readonly api: apigateway.RestApiBase) {
    this.detachedApi = Object.create(api, { latestDeployment: { value: undefined } });
    const deployment = api.latestDeployment;
    if (deployment) {
      const current = () => [...this.responses.values()].map((response) => response.node.defaultChild as apigateway.CfnGatewayResponse);
      const dependable = {};
      Dependable.implement(dependable, { get dependencyRoots(): IConstruct[] { return current(); } });
      deployment.node.addDependency(dependable);
      // A change to any response must change the deployment, or the stage would keep the old one.
      const hashed = (r: apigateway.CfnGatewayResponse) =>
        ({ type: r.responseType, status: r.statusCode, headers: r.responseParameters, templates: r.responseTemplates });
      deployment.addToLogicalId(Lazy.any({ produce: () => current().map(hashed) }));
    }
  }

  /** The response of a type, if there is one. */
  public get(responseType: string): apigateway.GatewayResponse | undefined {
    return this.responses.get(responseType);
  }

  /** Adds the response for its type, in place of the one there was. */
  public put(id: string, options: apigateway.GatewayResponseOptions): apigateway.GatewayResponse {
    const previous = this.responses.get(options.type.responseType);
    if (previous) {
      this.api.node.tryRemoveChild(previous.node.id);
    }
    const response = new apigateway.GatewayResponse(this.api, id, { ...options, restApi: this.detachedApi });
    this.responses.set(options.type.responseType, response);
    return response;
  }
}
