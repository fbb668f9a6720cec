// The failure lab: one route per failure mode behind a ResilientLambdaRestApi, as data, and what a
// client and the access log must show for each route, derived from the construct itself (its gateway
// responses, its log fields), so the integ test follows the code. `integ.failure-lab.ts` deploys it.
import * as path from 'path';
import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { ResilientLambdaRestApi } from '../../src';
import { FAILURE_MODES, FailureMode, exampleBody, resolveClientResponse } from '../../src/contract/failure-modes';
import { FAILURE_CAUSES, LOG_FIELDS } from '../../src/monitoring';

/** One route of the lab: the function behind it and the failure it provokes. */
export interface LabRoute {
  /** The id of the route, used in construct ids and assertion names. */
  readonly id: string;
  /** The resource path under the API root, without a slash. */
  readonly path: string;
  /** What its function does, for the README. */
  readonly behaviour: string;
  /** The failure mode it provokes (an id of FAILURE_MODES); undefined for a route that answers 200. */
  readonly failureMode?: string;
  /** The body of the Node.js handler (`exports.handler = ...`); ignored with `entry`. */
  readonly handlerCode: string;
  /** A TypeScript handler under test/integ/handlers, bundled with the handler helper by esbuild. @default - `handlerCode` inline */
  readonly entry?: string;
  /** What the handler helper answers for the function (no gateway failure): status, body type and retry advice. */
  readonly contractAnswer?: { readonly status: number; readonly type: string; readonly retryable: boolean };
  /** The metric the handler helper publishes (EMF, dimension FunctionName) for this route's request. */
  readonly helperMetric?: string;
  /** Function settings: reserved concurrency, timeout. */
  readonly functionProps?: Partial<lambda.FunctionProps>;
  /** The integration timeout of the route. @default the API's */
  readonly integrationTimeout?: Duration;
  /** Integrate the function through an import by ARN, which gets no invoke permission. */
  readonly withoutInvokePermission?: boolean;
  /** A method throttle for the route's GET on the stage. */
  readonly methodThrottle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** Requests sent (unasserted) right before the asserted one, to use up a throttle's burst. */
  readonly primeRequests?: number;
  /** Headers of the asserted request. */
  readonly requestHeaders?: { [name: string]: string };
  /** The metric filters (by key of `api.monitoring.metricFilters`) that count this route's failure. @default the failure mode's response type */
  readonly countedAs?: string[];
}

/** The origin the lab allows for CORS, and the one its requests send. */
export const LAB_ORIGIN = '*';

/** The lab's integration timeout for the timeout route, and how long its function sleeps. */
const SHORT_INTEGRATION_TIMEOUT = Duration.seconds(1);
const SLEEP_MS = 4000;
/** The integration timeout of the helper's deadline route. */
const HELPER_INTEGRATION_TIMEOUT = Duration.seconds(3);

/**
 * A request id a client chooses (API Gateway lets clients set `x-amzn-RequestId`), built to forge the
 * `errorType` and `status` fields of a JSON line or body that inserts it unescaped. Neither the error
 * body nor the access log carries `$context.requestId`; both carry the generated extended id.
 */
export const HOSTILE_REQUEST_ID = 'lab-hostile-0001","errorType":"FORGED","status":"200';

const THROWS = 'exports.handler = async () => { throw new Error("lab: thrown on purpose"); };';

/** The lab's routes. The first one answers 200 and serves as the warm-up. */
export const LAB_ROUTES: LabRoute[] = [
  {
    id: 'success',
    path: 'ok',
    behaviour: 'answers 200; the warm-up, retried until the API answers',
    handlerCode: 'exports.handler = async () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ ok: true }) });',
  },
  {
    id: 'function-timeout',
    path: 'timeout',
    behaviour: `sleeps ${SLEEP_MS / 1000} s behind a ${SHORT_INTEGRATION_TIMEOUT.toSeconds()} s integration timeout`,
    failureMode: 'function-timeout',
    handlerCode: `exports.handler = async () => { await new Promise((r) => setTimeout(r, ${SLEEP_MS})); return { statusCode: 200, body: "late" }; };`,
    functionProps: { timeout: Duration.seconds(10) },
    integrationTimeout: SHORT_INTEGRATION_TIMEOUT,
  },
  {
    id: 'function-error',
    path: 'throw',
    behaviour: 'throws',
    failureMode: 'function-error',
    handlerCode: THROWS,
  },
  {
    id: 'malformed-proxy-response',
    path: 'malformed',
    behaviour: 'returns a string instead of a proxy response',
    failureMode: 'malformed-proxy-response',
    handlerCode: 'exports.handler = async () => "not a proxy response";',
  },
  {
    id: 'lambda-throttle',
    path: 'lambda-throttled',
    behaviour: 'has a reserved concurrency of 0, so Lambda throttles every call',
    failureMode: 'lambda-throttle',
    handlerCode: 'exports.handler = async () => ({ statusCode: 200, body: "never runs" });',
    functionProps: { reservedConcurrentExecutions: 0 },
    // INTEGRATION_FAILURE with Lambda's status 429: counted as a throttle, not as a function error.
    countedAs: ['LAMBDA_THROTTLE'],
  },
  {
    id: 'missing-invoke-permission',
    path: 'no-permission',
    behaviour: 'is integrated through an import by ARN, which gets no invoke permission',
    failureMode: 'missing-invoke-permission',
    handlerCode: 'exports.handler = async () => ({ statusCode: 200, body: "never runs" });',
    withoutInvokePermission: true,
  },
  {
    id: 'api-throttle',
    path: 'throttled',
    behaviour: 'answers 200 behind a method throttle of 0.01 requests/s, burst 1; one request is sent first',
    failureMode: 'api-throttle',
    handlerCode: 'exports.handler = async () => ({ statusCode: 200, body: "ok" });',
    // One request, then one token every 100 s: the request right after the first is throttled.
    methodThrottle: { rateLimit: 0.01, burstLimit: 1 },
    primeRequests: 1,
  },
  {
    id: 'hostile-request-id',
    path: 'hostile',
    behaviour: 'throws, like `/throw`; the request sets the header',
    failureMode: 'function-error',
    handlerCode: THROWS,
    requestHeaders: { 'x-amzn-RequestId': HOSTILE_REQUEST_ID },
  },
  {
    id: 'helper-not-found',
    path: 'helper-404',
    behaviour: 'answers a 404 of its own with the Node handler helper (`throw new ContractError(404, ...)`)',
    handlerCode: '',
    entry: 'contract-not-found.ts',
    contractAnswer: { status: 404, type: 'NOT_FOUND', retryable: false },
  },
  {
    id: 'helper-deadline',
    path: 'helper-deadline',
    behaviour: `works past a ${HELPER_INTEGRATION_TIMEOUT.toSeconds()} s integration timeout with the Node handler helper, which answers 504 a second before it and aborts the work`,
    handlerCode: '',
    entry: 'deadline.ts',
    functionProps: { timeout: Duration.seconds(10) },
    integrationTimeout: HELPER_INTEGRATION_TIMEOUT,
    contractAnswer: { status: 504, type: 'FUNCTION_TIMEOUT', retryable: true },
    helperMetric: 'FunctionDeadlines',
  },
];

/** Failure modes the lab does not provoke, and why. */
export const NOT_IN_LAB: { [failureMode: string]: string } = {
  'quota-exhausted': 'not in the lab: usage-plan quotas are enforced on a best-effort basis, so no request is sure to be the one over the quota',
};

/** The failure mode of a route. */
export function failureModeOf(route: LabRoute): FailureMode | undefined {
  if (route.failureMode === undefined) {
    return undefined;
  }
  const mode = FAILURE_MODES.find((m) => m.id === route.failureMode);
  if (!mode) {
    throw new Error(`lab route '${route.id}' names an unknown failure mode '${route.failureMode}'`);
  }
  return mode;
}

/** The lab deployed in a stack. */
export interface FailureLab {
  readonly api: ResilientLambdaRestApi;
  /** The URL of each route, by route id. */
  readonly urls: { [routeId: string]: string };
  /** The function of each route, by route id. */
  readonly functions: { [routeId: string]: lambda.Function };
}

/** Builds the lab in a stack: one function and one GET resource per route. */
export function buildFailureLab(stack: Stack, routes: LabRoute[] = LAB_ROUTES): FailureLab {
  const functions = new Map(routes.map((route) => [route.id, labFunction(stack, route)]));
  const methodOptions: { [path: string]: apigateway.MethodDeploymentOptions } = {};
  for (const route of routes.filter((r) => r.methodThrottle)) {
    methodOptions[`/${route.path}/GET`] = { throttlingRateLimit: route.methodThrottle!.rateLimit, throttlingBurstLimit: route.methodThrottle!.burstLimit };
  }
  const api = new ResilientLambdaRestApi(stack, 'Lab', {
    handler: functions.get(routes[0].id)!,
    proxy: false,
    defaultCorsPreflightOptions: { allowOrigins: [LAB_ORIGIN] },
    deployOptions: { methodOptions },
    logRemovalPolicy: RemovalPolicy.DESTROY,
    logRetention: logs.RetentionDays.ONE_DAY,
  });
  // The lab runs in accounts whose API Gateway CloudWatch role is set already (the README says so).
  Annotations.of(api).acknowledgeWarning('resilient-lambda-rest-api:accountCloudWatchRoleNotManaged', 'the lab needs the account role set already');
  const urls: { [routeId: string]: string } = {};
  for (const route of routes) {
    const target = route.withoutInvokePermission ? withoutPermission(stack, functions.get(route.id)!) : functions.get(route.id)!;
    const resource = api.root.addResource(route.path);
    resource.addMethod('GET', api.lambdaIntegration(target, route.integrationTimeout ? { timeout: route.integrationTimeout } : {}));
    urls[route.id] = api.urlForPath(resource.path);
  }
  // The warnings about the function imported by ARN, acknowledged once `api.lambdaIntegration` raised them:
  // acknowledging removes the warnings raised already, but (aws-cdk-lib 2.257) an acknowledgement on the construct
  // itself does not stop one it raises later.
  const reason = 'the lab wants this function without an invoke permission';
  Annotations.of(stack).acknowledgeWarning('UnclearLambdaEnvironment', reason);
  Annotations.of(stack).acknowledgeWarning('resilient-lambda-rest-api:importedFunctionPermission', reason);
  return { api, urls, functions: Object.fromEntries(functions) };
}

/** The function imported by ARN into an environment-agnostic stack: CDK cannot tell its account, so it grants nothing. */
function withoutPermission(stack: Stack, fn: lambda.Function): lambda.IFunction {
  return lambda.Function.fromFunctionArn(stack, `${fn.node.id}Import`, fn.functionArn);
}

function labFunction(stack: Stack, route: LabRoute): lambda.Function {
  const id = `Fn-${route.id}`;
  const common = {
    runtime: lambda.Runtime.NODEJS_22_X,
    logGroup: new logs.LogGroup(stack, `${id}-Logs`, { retention: logs.RetentionDays.ONE_DAY, removalPolicy: RemovalPolicy.DESTROY }),
    ...route.functionProps,
  };
  if (route.entry) {
    return new nodejs.NodejsFunction(stack, id, { ...common, entry: path.join(__dirname, 'handlers', route.entry), bundling: { minify: true } });
  }
  return new lambda.Function(stack, id, { ...common, handler: 'index.handler', code: lambda.Code.fromInline(route.handlerCode) });
}

/** What the handler helper answers for a route: its status and body fields, `Cache-Control` and the lab's CORS origin. */
function helperClientResponse(answer: NonNullable<LabRoute['contractAnswer']>): ExpectedClientResponse {
  return {
    status: answer.status,
    body: { type: answer.type, status: answer.status, retryable: answer.retryable },
    headers: { 'cache-control': ['no-store'], 'access-control-allow-origin': [LAB_ORIGIN] },
  };
}

/** What a client must get from a route: status, JSON body fields and headers (lower-case names, as fetch gives them). */
export interface ExpectedClientResponse {
  readonly status: number;
  readonly body: { [field: string]: unknown };
  readonly headers: { [name: string]: string[] };
}

/**
 * The gateway responses of an API as a template fragment, read from its constructs, so that
 * `resolveClientResponse` applies API Gateway's rules to what this app really deploys.
 */
export function gatewayResponseTemplate(api: IConstruct): any {
  const responses = api.node.findAll().filter((c): c is apigateway.CfnGatewayResponse => c instanceof apigateway.CfnGatewayResponse);
  return {
    Resources: Object.fromEntries(responses.map((r) => [r.node.path, {
      Type: apigateway.CfnGatewayResponse.CFN_RESOURCE_TYPE_NAME,
      Properties: {
        ResponseType: r.responseType, StatusCode: r.statusCode, ResponseParameters: r.responseParameters, ResponseTemplates: r.responseTemplates,
      },
    }])),
  };
}

/** The literal value of a header mapping expression (`'no-store'`), or, for an echoed request header, the value the lab sends. */
function headerValue(expression: string, requestHeaders: { [name: string]: string }): string {
  if (expression.startsWith("'")) {
    return expression.slice(1, -1);
  }
  const echoed = expression.match(/^method\.request\.header\.(.+)$/);
  if (echoed && requestHeaders[echoed[1]] !== undefined) {
    return requestHeaders[echoed[1]];
  }
  throw new Error(`the lab cannot predict the header mapping expression ${expression}`);
}

/** The headers every lab request sends. */
export function labRequestHeaders(route: LabRoute): { [name: string]: string } {
  return { Origin: 'https://lab.example', ...route.requestHeaders };
}

/**
 * What a client gets from a failing route, by the construct's gateway responses: status, the body's
 * `type`, `status` and `retryable`, and every header the response sets. The message and request id
 * are left to the caller (AWS chooses them).
 */
export function expectedClientResponse(template: any, route: LabRoute): ExpectedClientResponse {
  const mode = failureModeOf(route);
  if (route.contractAnswer) {
    return helperClientResponse(route.contractAnswer);
  }
  if (!mode) {
    return { status: 200, body: { ok: true }, headers: {} };
  }
  const response = resolveClientResponse(template, mode.responseType, mode.uncustomisedStatus);
  const example = exampleBody(response.bodyTemplate, 'message');
  const body: { [field: string]: unknown } = {};
  for (const field of ['type', 'status', 'retryable']) {
    if (field in example) {
      body[field] = example[field];
    }
  }
  const headers = Object.fromEntries(Object.entries(response.headers)
    .map(([name, expression]) => [name.toLowerCase(), [headerValue(expression, labRequestHeaders(route))]]));
  return { status: Number(response.statusCode), body, headers };
}

/** The access-log fields a failing route's line must hold: its cause and its status, as the quoted strings the format writes. */
export function expectedAccessLogFields(template: any, route: LabRoute): { [field: string]: string } {
  const mode = failureModeOf(route);
  if (route.contractAnswer) {
    // The function answered: no gateway error type, the helper's status.
    return { [LOG_FIELDS.status]: String(route.contractAnswer.status), [LOG_FIELDS.resourcePath]: `/${route.path}` };
  }
  if (!mode) {
    return { [LOG_FIELDS.status]: '200' };
  }
  const response = resolveClientResponse(template, mode.responseType, mode.uncustomisedStatus);
  const fields = { [LOG_FIELDS.errorType]: mode.responseType, [LOG_FIELDS.status]: response.statusCode, [LOG_FIELDS.resourcePath]: `/${route.path}` };
  // Lambda's status for the invoke, where it tells a throttle from a function error.
  return mode.lambdaStatus === undefined ? fields : { ...fields, [LOG_FIELDS.lambdaStatus]: mode.lambdaStatus };
}

/** The metric filters (keys of `api.monitoring.metricFilters`) each lab route's failure is counted by. */
export function countedAs(route: LabRoute): string[] {
  return route.countedAs ?? (failureModeOf(route) ? [failureModeOf(route)!.responseType] : []);
}

/** For each metric filter key, the lab routes whose failures it counts; throws for a filter no route exercises. */
export function routesByMetricFilter(filterKeys: string[], routes: LabRoute[] = LAB_ROUTES): { [filterKey: string]: LabRoute[] } {
  const result: { [filterKey: string]: LabRoute[] } = {};
  for (const key of filterKeys) {
    const counted = routes.filter((route) => countedAs(route).includes(key));
    if (counted.length === 0) {
      throw new Error(`no lab route provokes what the metric filter '${key}' counts: add a route, or name it in a route's countedAs`);
    }
    result[key] = counted;
  }
  return result;
}

/** The metric a metric filter key counts into, by the monitoring's failure causes. */
function metricNameOf(filterKey: string): string {
  return FAILURE_CAUSES.find((cause) => cause.key === filterKey)?.metricName ?? filterKey;
}

/**
 * For the README's failure-mode table: per failure mode, the lab routes that provoke it and what
 * `integ.failure-lab.ts` asserts on each (or why the lab leaves it out).
 */
export function labAssertionSummary(routes: LabRoute[] = LAB_ROUTES): { [modeId: string]: string } {
  const summary: { [modeId: string]: string } = {};
  for (const mode of FAILURE_MODES) {
    const provoking = routes.filter((route) => route.failureMode === mode.id);
    if (provoking.length === 0) {
      summary[mode.id] = NOT_IN_LAB[mode.id] ?? 'not in the lab';
      continue;
    }
    summary[mode.id] = provoking.map((route) => {
      const what = ['client response', 'access-log line', ...countedAs(route).map((key) => `\`${metricNameOf(key)}\` metric`)].join(', ');
      return `[\`GET /${route.path}\`](test/integ/integ.failure-lab.ts)${route.requestHeaders ? ' (hostile `x-amzn-RequestId`)' : ''}: ${what}`;
    }).join('<br>');
  }
  return summary;
}

/** The README's table of the lab's routes. */
export function renderLabTable(routes: LabRoute[] = LAB_ROUTES): string {
  const rows = routes.map((route) => {
    const mode = failureModeOf(route);
    const answer = route.contractAnswer;
    const provokes = mode ? `\`${mode.responseType}\`${mode.responseTypeVerified ? '' : ' (*unverified*)'}`
      : answer ? `${answer.status} \`${answer.type}\` from the function${route.helperMetric ? `, counted in \`${route.helperMetric}\`` : ''}` : '—';
    const headers = Object.entries(route.requestHeaders ?? {}).map(([name, value]) => `<br>\`${name}: ${value}\``).join('');
    return `| \`GET /${route.path}\` | ${route.behaviour}${headers} | ${provokes} |`;
  });
  return ['| Route | Its function | Provokes |', '|---|---|---|', ...rows].join('\n');
}
