// Deploys the failure lab and proves every failure mode on a real AWS account: what a client gets
// (status, JSON body, headers), what the access log says (one JSON line naming the cause, which a
// client-chosen request id cannot forge), that the metric filters count each cause, and that each
// saved Logs Insights query runs on the access log and finds those failures.
// Run by integ-runner: `npx projen integ` deploys, asserts and destroys; `npx projen integ:snapshot`
// compares the lab stack's synthesized template with the committed snapshot, without AWS.
import { ExpectedResult, IApiCall, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import {
  buildFailureLab, expectedAccessLogFields, expectedClientResponse, failureModeOf, gatewayResponseTemplate,
  LAB_ROUTES, labRequestHeaders, LabRoute, routesByMetricFilter,
} from './failure-lab';
import { buildSpecLab } from './spec-lab';
import { FAILURE_METRICS_NAMESPACE, failureMetricDimensions, LOG_FIELDS, SavedQuery, savedQueryString } from '../../src/monitoring';

// ---- Expectations that AWS's documentation does not settle: this run settles them. Adjust here. ----
const EXPECT = {
  /** The body's `requestId` on ordinary requests: a request id (UUID) or an extended one (base64-like). */
  requestIdPattern: '^[-0-9A-Za-z=_+/]+$',
  /**
   * The hostile route sends `x-amzn-RequestId: HOSTILE_REQUEST_ID` (AWS: "Clients can override this
   * request ID"). The error body and the access log carry `$context.extendedRequestId`, which the
   * client cannot set: undefined here means their `requestId` must be a generated id, never the
   * hostile one, and the forged `errorType` and `status` never appear as fields.
   */
  hostileRequestIdInBody: undefined as string | undefined,
  hostileRequestIdInLog: undefined as string | undefined,
};

/** One row of a Logs Insights result (a list of `{ field, value }`) that holds this field with this value. */
function rowWith(field: string, value: unknown): unknown {
  return Match.arrayWith([Match.objectLike({ field, value })]);
}
const TIMEOUT_PATH = `/${LAB_ROUTES.find((route) => route.failureMode === 'function-timeout')!.path}`;
/**
 * What each saved Logs Insights query (its text as the construct saves it) returns on the lab's access log,
 * once every failure's line has arrived: the `results` of GetQueryResults (rows of `{ field, value }`; Logs
 * Insights returns every value as a string) and the most rows to ask for. `limit` is StartQuery's parameter,
 * which a Grafana issue reports overrides the query's own `limit` command (not documented): the assertion
 * custom resource returns the whole answer to CloudFormation, which takes at most 4 KB, about 5 rows of a
 * `fields` query (each row carries a `@ptr` of some 200 characters).
 */
const QUERY_EXPECT: { [query: string]: { readonly limit: number; readonly results: unknown } } = {
  // Counted by cause: the timeout is a group of its own (about 7 groups in all, no `@ptr` in `stats` rows).
  [SavedQuery.FAILURES_BY_CAUSE]: { limit: 10, results: Match.arrayWith([rowWith(LOG_FIELDS.errorType, 'INTEGRATION_TIMEOUT')]) },
  // Sorted by `responseLatency * 1`: the timeout route (over 1 s) is among the 3 slowest. Sorted as strings,
  // "1004" would come after the two-digit latencies of the other requests.
  [SavedQuery.SLOWEST_REQUESTS]: { limit: 3, results: Match.arrayWith([rowWith(LOG_FIELDS.resourcePath, TIMEOUT_PATH)]) },
  // Only the timeout route times out: one group, its resource path.
  [SavedQuery.TIMEOUTS_BY_PATH]: { limit: 5, results: Match.arrayWith([rowWith(LOG_FIELDS.resourcePath, TIMEOUT_PATH)]) },
  // The 4 latest failures: at least one of them reached the function (only /throttled, /lambda-throttled and
  // /no-permission may not), so it carries a Lambda request id (a UUID) as `lambdaRequestId`.
  [SavedQuery.API_TO_LAMBDA_REQUEST_ID]: {
    limit: 4,
    results: Match.arrayWith([rowWith('lambdaRequestId', Match.stringLikeRegexp('^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'))]),
  },
};
/**
 * The time range of the queries, in epoch seconds, fixed at synth: `npx projen integ` synthesizes the app
 * right before it deploys it (a run takes under an hour), so from an hour before synth to three hours
 * after covers every line the run writes. The log group is created by the run, so nothing older is in it.
 */
const SYNTH_TIME = Math.floor(Date.now() / 1000);
const QUERY_WINDOW = { startTime: SYNTH_TIME - 3600, endTime: SYNTH_TIME + 3 * 3600 };

/** Waiting for the API to answer after the deploy, and for log lines to arrive. */
const WAIT = { totalTimeout: Duration.minutes(5), interval: Duration.seconds(10) };
/** Waiting for a Logs Insights query to complete and find the lines. */
const QUERY_WAIT = { totalTimeout: Duration.minutes(5), interval: Duration.seconds(15) };
/** Waiting for a metric filter's metric to appear in ListMetrics (documented as up to 15 minutes). */
const METRIC_WAIT = { totalTimeout: Duration.minutes(20), interval: Duration.seconds(30) };

// Cross-stack references (the assertions read the API's id, URL and log group) as CDK makes them today. No stack
// traces (of constructs or warnings): integ-runner writes the metadata into the committed snapshot, with local paths.
const app = new App({
  stackTraces: false,
  context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong', 'aws:cdk:disable-creation-stack-traces': true },
});
const stack = new Stack(app, 'ResilientLambdaRestApiFailureLab');
const lab = buildFailureLab(stack);
const responses = gatewayResponseTemplate(lab.api);
const specLab = buildSpecLab(stack);

const integ = new IntegTest(app, 'FailureLab', {
  testCases: [stack],
  // Nothing to learn from deploying an older snapshot first; it would double the time.
  stackUpdateWorkflow: false,
  // API Gateway deployments are immutable: CDK replaces the stage's deployment whenever a method changes. Without
  // this, integ-runner calls that change destructive and fails even the snapshot update that accepts it.
  allowDestroy: ['AWS::ApiGateway::Deployment'],
});

/** One request to a route, as the lab sends it. */
function request(route: LabRoute): IApiCall {
  return integ.assertions.httpApiCall(lab.urls[route.id], { headers: labRequestHeaders(route) });
}

/** What a client gets, asserted on one request (a mismatch prints what AWS answered). */
function clientAssertion(route: LabRoute): ExpectedResult {
  const expected = expectedClientResponse(responses, route);
  const body: { [field: string]: unknown } = { ...expected.body };
  if (failureModeOf(route) || route.contractAnswer) {
    const hostile = route.requestHeaders?.['x-amzn-RequestId'] !== undefined;
    body.requestId = hostile && EXPECT.hostileRequestIdInBody !== undefined
      ? EXPECT.hostileRequestIdInBody
      : Match.stringLikeRegexp(EXPECT.requestIdPattern);
  }
  return ExpectedResult.objectLike({ status: expected.status, body: Match.objectLike(body), headers: Match.objectLike(expected.headers) });
}

/** The route's access-log line, found by its path whether or not it parses. */
function accessLogQuery(route: LabRoute): IApiCall {
  return integ.assertions.awsApiCall('CloudWatchLogs', 'FilterLogEvents', {
    logGroupName: lab.api.accessLogGroup!.logGroupName,
    filterPattern: `"/${route.path}"`,
    limit: 1,
  });
}

/** The access-log line parses as JSON and names its cause (and keeps a hostile request id a plain value). */
function accessLogAssertion(route: LabRoute): ExpectedResult {
  const fields: { [field: string]: unknown } = expectedAccessLogFields(responses, route);
  if (route.requestHeaders?.['x-amzn-RequestId'] !== undefined) {
    fields[LOG_FIELDS.requestId] = EXPECT.hostileRequestIdInLog ?? Match.stringLikeRegexp(EXPECT.requestIdPattern);
  }
  return ExpectedResult.objectLike({ events: [Match.objectLike({ message: Match.serializedJson(Match.objectLike(fields)) })] });
}

// The API answers 200 once the deployment and the invoke permissions have propagated.
const [success, ...failing] = LAB_ROUTES;
const warmUp = request(success)
  .expect(clientAssertion(success))
  .waitForAssertions(WAIT);

const lastCallOf: { [routeId: string]: IApiCall } = {};
for (const route of failing) {
  let previous = warmUp;
  for (let i = 0; i < (route.primeRequests ?? 0); i++) {
    previous = previous.next(request(route));
  }
  const client = previous.next(request(route).expect(clientAssertion(route)));
  const anyLine = ExpectedResult.objectLike({ events: Match.arrayWith([Match.objectLike({})]) });
  const logArrived = client.next(accessLogQuery(route).expect(anyLine).waitForAssertions(WAIT));
  lastCallOf[route.id] = logArrived.next(accessLogQuery(route).expect(accessLogAssertion(route)));
}

// The OpenAPI API (a document without operationIds, bound by route and defaultHandler) answers once deployed, and its
// function error reaches the client as the same contract error as the /throw route above.
const functionError = LAB_ROUTES.find((route) => route.id === 'function-error')!;
integ.assertions.httpApiCall(specLab.healthUrl)
  .expect(ExpectedResult.objectLike({ status: 200, body: Match.objectLike({ ok: true }) }))
  .waitForAssertions(WAIT)
  .next(integ.assertions.httpApiCall(specLab.throwsUrl, { headers: labRequestHeaders(functionError) }).expect(clientAssertion(functionError)));

// Each metric filter counted its cause: its metric exists for this API and stage (no default value,
// so it exists only once a line matched).
const metricFilters = lab.api.monitoring!.metricFilters;
const dimensionNames = Object.keys(failureMetricDimensions());
const metricsListed: IApiCall[] = [];
for (const [key, routes] of Object.entries(routesByMetricFilter(Object.keys(metricFilters)))) {
  const metric = metricFilters[key].metric();
  const listed = integ.assertions.awsApiCall('CloudWatch', 'ListMetrics', {
    Namespace: metric.namespace,
    MetricName: metric.metricName,
    Dimensions: dimensionNames.map((name) => ({ Name: name, Value: name === 'ApiId' ? lab.api.restApiId : lab.api.deploymentStage.stageName })),
  }).expect(ExpectedResult.objectLike({ Metrics: Match.arrayWith([Match.objectLike({ MetricName: metric.metricName })]) }));
  routes.forEach((route) => lastCallOf[route.id].next(listed));
  listed.waitForAssertions(METRIC_WAIT);
  metricsListed.push(listed);
}

// The handler helper counted its answer: the metric of its log line (EMF, in the function's log group) exists
// for the route's function, so the construct's alarm that adds it sees the deadline.
for (const route of failing.filter((r) => r.helperMetric)) {
  const listed = integ.assertions.awsApiCall('CloudWatch', 'ListMetrics', {
    Namespace: FAILURE_METRICS_NAMESPACE,
    MetricName: route.helperMetric,
    Dimensions: [{ Name: 'FunctionName', Value: lab.functions[route.id].functionName }],
  }).expect(ExpectedResult.objectLike({ Metrics: Match.arrayWith([Match.objectLike({ MetricName: route.helperMetric })]) }));
  lastCallOf[route.id].next(listed);
  listed.waitForAssertions(METRIC_WAIT);
  metricsListed.push(listed);
}

// Each saved query runs on the access log group and finds the failures. The queries start once every failure's
// line was found by FilterLogEvents and every metric was listed: Logs Insights may see a line later than
// FilterLogEvents does, and by the time the metrics show (minutes), it sees them all. A query's results do
// not change once it completes: the waiter retries GetQueryResults until it says `Complete` with the rows expected.
for (const query of Object.values(SavedQuery)) {
  const start = integ.assertions.awsApiCall('CloudWatchLogs', 'StartQuery', {
    logGroupName: lab.api.accessLogGroup!.logGroupName,
    queryString: savedQueryString(query),
    ...QUERY_WINDOW,
    limit: QUERY_EXPECT[query].limit,
  });
  [...failing.map((route) => lastCallOf[route.id]), ...metricsListed].forEach((call) => call.next(start));
  start.next(integ.assertions.awsApiCall('CloudWatchLogs', 'GetQueryResults', { queryId: start.getAttString('queryId') })
    .expect(ExpectedResult.objectLike({ status: 'Complete', results: QUERY_EXPECT[query].results }))
    .waitForAssertions(QUERY_WAIT));
}

app.synth();
