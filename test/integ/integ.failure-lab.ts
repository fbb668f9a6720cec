// Deploys the failure lab and proves every failure mode on a real AWS account: what a client gets
// (status, JSON body, headers), what the access log says (one JSON line naming the cause, which a
// client-chosen request id cannot forge), and that the metric filters count each cause.
// `npx projen integ` deploys, asserts and destroys; `npx projen integ:snapshot` compares the
// synthesized templates with the committed snapshot, without AWS.
import { ExpectedResult, IApiCall, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import {
  buildFailureLab, expectedAccessLogFields, expectedClientResponse, failureModeOf, gatewayResponseTemplate,
  LAB_ROUTES, labRequestHeaders, LabRoute, routesByMetricFilter,
} from './failure-lab';
import { failureMetricDimensions, LOG_FIELDS } from '../../src/monitoring';

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
/** Waiting for the API to answer after the deploy, and for log lines to arrive. */
const WAIT = { totalTimeout: Duration.minutes(5), interval: Duration.seconds(10) };
/** Waiting for a metric filter's metric to appear in ListMetrics (documented as up to 15 minutes). */
const METRIC_WAIT = { totalTimeout: Duration.minutes(20), interval: Duration.seconds(30) };

// Cross-stack references (the assertions read the API's id, URL and log group) as CDK makes them today.
const app = new App({ context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong' } });
const stack = new Stack(app, 'ResilientLambdaRestApiFailureLab');
const lab = buildFailureLab(stack);
const responses = gatewayResponseTemplate(lab.api);

const integ = new IntegTest(app, 'FailureLab', {
  testCases: [stack],
  // Nothing to learn from deploying an older snapshot first; it would double the time.
  stackUpdateWorkflow: false,
});

/** One request to a route, as the lab sends it. */
function request(route: LabRoute): IApiCall {
  return integ.assertions.httpApiCall(lab.urls[route.id], { headers: labRequestHeaders(route) });
}

/** What a client gets, asserted on one request (a mismatch prints what AWS answered). */
function clientAssertion(route: LabRoute): ExpectedResult {
  const expected = expectedClientResponse(responses, route);
  const body: { [field: string]: unknown } = { ...expected.body };
  if (failureModeOf(route)) {
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

// Each metric filter counted its cause: its metric exists for this API and stage (no default value,
// so it exists only once a line matched).
const metricFilters = lab.api.monitoring!.metricFilters;
const dimensionNames = Object.keys(failureMetricDimensions());
for (const [key, routes] of Object.entries(routesByMetricFilter(Object.keys(metricFilters)))) {
  const metric = metricFilters[key].metric();
  const listed = integ.assertions.awsApiCall('CloudWatch', 'ListMetrics', {
    Namespace: metric.namespace,
    MetricName: metric.metricName,
    Dimensions: dimensionNames.map((name) => ({ Name: name, Value: name === 'ApiId' ? lab.api.restApiId : lab.api.deploymentStage.stageName })),
  }).expect(ExpectedResult.objectLike({ Metrics: Match.arrayWith([Match.objectLike({ MetricName: metric.metricName })]) }));
  routes.forEach((route) => lastCallOf[route.id].next(listed));
  listed.waitForAssertions(METRIC_WAIT);
}

app.synth();
