import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LOG_FIELDS } from './failure-metrics';

/** The saved Logs Insights queries, by the end of their name. */
export enum SavedQuery {
  FAILURES_BY_CAUSE = 'FailuresByCause',
  SLOWEST_REQUESTS = 'SlowestRequests',
  TIMEOUTS_BY_PATH = 'TimeoutsByPath',
  API_TO_LAMBDA_REQUEST_ID = 'ApiToLambdaRequestId',
}

/**
 * The text of a saved query. Numbers are quoted strings in the log, so they are converted with
 * `* 1` in `fields` (where Logs Insights documents arithmetic) before `sort` or `stats` use them.
 */
export function savedQueryString(query: SavedQuery): string {
  const f = LOG_FIELDS;
  const isFailure = `${f.status} like /^5/ or ${f.errorType} != "-"`;
  switch (query) {
    case SavedQuery.FAILURES_BY_CAUSE:
      return [
        '# Failures by gateway response type. INTEGRATION_FAILURE with lambdaStatus 429: Lambda throttled the call;',
        '# with lambdaStatus 200: the function threw or returned a malformed response. errorType "-" with a 5XX status: the function returned it.',
        `filter ${isFailure}`,
        `| stats count(*) as failures by ${f.errorType}, ${f.lambdaStatus}, ${f.status}, ${f.integrationStatus}`,
        '| sort failures desc',
      ].join('\n');
    case SavedQuery.SLOWEST_REQUESTS:
      return [
        `fields @timestamp, ${f.httpMethod}, ${f.resourcePath}, ${f.status}, ${f.errorType}, ${f.responseLatency} * 1 as responseMs, ` +
          `${f.integrationLatency} * 1 as integrationMs, ${f.requestId}, ${f.integrationRequestId}`,
        '| sort responseMs desc',
        '| limit 50',
      ].join('\n');
    case SavedQuery.TIMEOUTS_BY_PATH:
      return [
        `fields ${f.httpMethod}, ${f.resourcePath}, ${f.errorType}, ${f.integrationLatency} * 1 as integrationMs`,
        `| filter ${f.errorType} = "INTEGRATION_TIMEOUT"`,
        `| stats count(*) as timeouts, max(integrationMs) as maxIntegrationMs by ${f.httpMethod}, ${f.resourcePath}`,
        '| sort timeouts desc',
      ].join('\n');
    case SavedQuery.API_TO_LAMBDA_REQUEST_ID:
      return [
        '# The Lambda request id (search it in the function\'s log group) of each API request.',
        '# For one request, uncomment the next line and put the requestId from the error body.',
        `# | filter ${f.requestId} = "REQUEST_ID"`,
        `fields @timestamp, ${f.requestId}, ${f.integrationRequestId} as lambdaRequestId, ${f.xrayTraceId}, ${f.status}, ${f.errorType}, ` +
          `${f.httpMethod}, ${f.resourcePath}`,
        `| filter ${isFailure}`,
        '| sort @timestamp desc',
        '| limit 100',
      ].join('\n');
  }
}

/** A query string given as text, for queries the `QueryString` builder cannot express (comments). */
export class RawQueryString extends logs.QueryString {
  constructor(private readonly text: string) {
    super();
  }

  public toString(): string {
    return this.text;
  }
}

/** The name of a saved query: `<prefix>/<query>`. */
export function savedQueryName(prefix: string, query: SavedQuery): string {
  return `${prefix}/${query}`;
}

/** Saves every query on the access log group, by query. */
export function saveQueries(scope: Construct, prefix: string, logGroup: logs.ILogGroup): { [query: string]: logs.QueryDefinition } {
  return Object.fromEntries(Object.values(SavedQuery).map((query) => [query, new logs.QueryDefinition(scope, `${query}Query`, {
    queryDefinitionName: savedQueryName(prefix, query),
    queryString: new RawQueryString(savedQueryString(query)),
    logGroups: [logGroup],
  })]));
}

/**
 * Where to look for a failure, for alarm descriptions: the saved query to run on the access log
 * group (or the group itself without saved queries), and the execution log group.
 */
export function whereToLook(
  prefix: string, savedQueries: boolean, accessLogGroupName?: string, executionLogGroupName?: string,
): (query: SavedQuery) => string {
  return (query) => {
    const parts: string[] = [];
    if (accessLogGroupName) {
      parts.push(savedQueries
        ? `Run the saved Logs Insights query '${savedQueryName(prefix, query)}' on the access log group ${accessLogGroupName}.`
        : `Look in the access log group ${accessLogGroupName}.`);
    }
    if (executionLogGroupName) {
      parts.push(`Execution log group: ${executionLogGroupName}.`);
    }
    return parts.join(' ');
  };
}
