import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ApiDocument, checkDocumentVersion, countResources, GATEWAY_RESPONSES_EXTENSION, readApiDefinition } from './api-document';
import { ApiLocation } from '../api-name';
import { CheckWarning, runChecks } from '../checks';
import { HandlerFacts, handlerFacts } from '../defaults';
import { CommonPlan, planCommon } from '../plan';
import { ResilientSpecRestApiProps } from '../props';
import { documentGatewayResponses, inheritFallbackHeaders, renderGatewayResponsesExtension } from './gateway-responses';
import { externalRefsError, httpApiDocumentError } from './importable';
import { OwnIntegration } from './own-integrations';
import { bindIntegrations } from './spec-binding';

/** API Gateway's default quota of resources (distinct paths) per REST API. */
export const DEFAULT_RESOURCES_PER_API = 300;

/**
 * Everything `ResilientSpecRestApi` builds, decided from the props and the document before any
 * resource exists.
 */
export interface SpecApiPlan extends CommonPlan {
  /** The props for `SpecRestApi`: the transformed document inline, resilient defaults filled in. */
  readonly superProps: apigateway.SpecRestApiProps;
  /** The document with the integrations and the error contract written in. */
  readonly document: { [key: string]: any };
  /** The functions bound, once each, with the number of operations each serves. */
  readonly functions: Map<lambda.IFunction, number>;
  /** The integrations the document had of its own. */
  readonly ownIntegrations: OwnIntegration[];
  /** Whether monitoring is on (the user did not turn it off). */
  readonly monitoringEnabled: boolean;
}

/** What the checks know of several functions: the longest timeout; a reserved concurrency only for one function. */
export function combinedFacts(functions: lambda.IFunction[]): HandlerFacts {
  const facts = functions.map(handlerFacts);
  const timeouts = facts.map((f) => f.timeoutSeconds).filter((t): t is number => t !== undefined);
  return {
    timeoutSeconds: timeouts.length > 0 ? Math.max(...timeouts) : undefined,
    // The stage's burst limit covers every function: one function's reserved concurrency says nothing of the others'.
    reservedConcurrency: facts.length === 1 ? facts[0].reservedConcurrency : undefined,
  };
}

function readDocument(props: ResilientSpecRestApiProps): { doc: ApiDocument; errors: string[] } {
  try {
    const doc = readApiDefinition(props.apiDefinition);
    const versionErrors = checkDocumentVersion(doc);
    // Refused before deploy: API Gateway would import these wrong or not at all.
    const importErrors = [httpApiDocumentError(doc.document, doc.source), externalRefsError(doc.document, doc.source)]
      .filter((e): e is string => e !== undefined);
    return { doc, errors: [...versionErrors, ...(versionErrors.length > 0 ? [] : importErrors)] };
  } catch (e) {
    return { doc: { document: { paths: {} }, source: 'unreadable' }, errors: [(e as Error).message] };
  }
}

/**
 * Plans a `ResilientSpecRestApi`: reads the document, binds the integrations, checks the
 * document's own integrations and gateway responses, and writes the error contract into it.
 */
export function planSpecApi(props: ResilientSpecRestApiProps, location: ApiLocation, uriOf: (handler: lambda.IFunction) => string): SpecApiPlan {
  const { doc, errors: documentErrors } = readDocument(props);
  const document = doc.document;
  const declared = documentGatewayResponses(document);
  const bindingInput = { integrations: props.integrations ?? {}, defaultHandler: props.defaultHandler };
  const common = planCommon({
    api: props,
    location,
    options: props,
    integrationTimeout: props.integrationTimeout,
    timeoutProperty: 'integrationTimeout',
    functions: combinedFacts([...new Set([...Object.values(bindingInput.integrations), ...(props.defaultHandler ? [props.defaultHandler] : [])])]),
    cors: props.errorCorsOptions,
    corsProperty: 'errorCorsOptions',
    allowTestInvoke: props.allowTestInvoke,
    extraOverrides: declared.overrides,
  });
  const binding = documentErrors.length > 0
    ? { errors: [], functions: new Map<lambda.IFunction, number>(), ownIntegrations: [], boundOperations: 0 }
    : bindIntegrations(document, bindingInput, common.integrationTimeout.toMilliseconds(), uriOf);

  const ownTimeoutErrors = binding.ownIntegrations.flatMap((own) => runChecks({
    integrationTimeoutMs: own.timeoutMs,
    timeoutProperty: `${own.location}.timeoutInMillis`,
    endpointTypes: common.endpointTypes,
    acknowledgeTimeoutQuota: common.acknowledgeTimeoutQuota,
    deploy: true,
  }).errors);
  const userTypes = new Set((props.errorResponses ?? []).map((o) => o.type.responseType));
  const givenTwice = declared.overrides
    .filter((o) => userTypes.has(o.type.responseType))
    .map((o) => `${o.type.responseType} is in errorResponses and in the document's ${GATEWAY_RESPONSES_EXTENSION}; give it in one place`);
  const errors = [...documentErrors, ...common.errors, ...binding.errors, ...ownTimeoutErrors, ...declared.errors, ...givenTwice];

  const warnings: CheckWarning[] = [...common.warnings, ...declared.warnings];
  const resources = countResources(document);
  if (resources > DEFAULT_RESOURCES_PER_API) {
    warnings.push({
      id: 'resourcesAboveDefaultQuota',
      message: `The document's paths make ${resources} API Gateway resources, above the default quota of ${DEFAULT_RESOURCES_PER_API} resources per REST API: ` +
        'the deploy fails unless the quota is raised for this account and region (Service Quotas, API Gateway, "Resources per API").',
    });
  }
  const errorResponses = inheritFallbackHeaders(common.errorResponses, declared.overrides, props.errorResponses ?? []);
  if (errors.length === 0) {
    document[GATEWAY_RESPONSES_EXTENSION] = renderGatewayResponsesExtension(errorResponses);
  }
  if (props.monitoring !== undefined && common.stageName === undefined) {
    warnings.push({
      id: 'monitoringWithoutStage',
      message: 'monitoring is given but the API has no deployment stage (deploy is false), so nothing is monitored: ' +
        'deploy the API, or watch your own stage with new ResilientApiMonitoring(...).',
    });
  }

  return {
    ...common,
    errors,
    warnings,
    errorResponses: errors.length === 0 ? errorResponses : [],
    superProps: {
      ...props,
      ...common.baseProps,
      apiDefinition: apigateway.ApiDefinition.fromInline(document),
    },
    document,
    // The function behind the most operations first: the monitoring's own Lambda alarms watch it.
    functions: new Map([...binding.functions.entries()].sort((a, b) => b[1] - a[1])),
    ownIntegrations: binding.ownIntegrations,
    monitoringEnabled: props.monitoring?.enabled ?? true,
  };
}
