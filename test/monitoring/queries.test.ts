import { Match } from 'aws-cdk-lib/assertions';
import { defaults } from './support';
import { SavedQuery, savedQueryString } from '../../src/monitoring';

describe('saved queries', () => {
  test.each<[SavedQuery, RegExp[]]>([
    [SavedQuery.FAILURES_BY_CAUSE, [/filter status like \/\^5\/ or errorType != "-"/, /stats count\(\*\) as failures by errorType, lambdaStatus, status, integrationStatus/, /lambdaStatus 429: Lambda throttled/]],
    [SavedQuery.SLOWEST_REQUESTS, [/responseLatency \* 1 as responseMs/, /sort responseMs desc/, /limit 50/]],
    [SavedQuery.TIMEOUTS_BY_PATH, [/fields httpMethod, resourcePath, errorType, integrationLatency \* 1 as integrationMs/, /filter errorType = "INTEGRATION_TIMEOUT"/,
      /max\(integrationMs\) as maxIntegrationMs by httpMethod, resourcePath/]],
    [SavedQuery.API_TO_LAMBDA_REQUEST_ID, [/fields @timestamp, requestId, integrationRequestId as lambdaRequestId/, /# \| filter requestId = "REQUEST_ID"/]],
  ])('%s', (query, expected) => {
    const text = savedQueryString(query);
    for (const re of expected) {
      expect(text).toMatch(re);
    }
  });

  test.each(Object.values(SavedQuery))('%s converts numbers in fields, never inside a stats function (the documented form)', (query) => {
    const text = savedQueryString(query).split('\n').filter((l) => !l.trim().startsWith('#')).join('\n');
    const statsCalls = [...text.matchAll(/\b(?:count|sum|avg|min|max|pct|stddev)\(([^)]*)\)/g)].map((m) => m[1]);
    for (const argument of statsCalls) {
      expect(argument).toMatch(/^(\*|[A-Za-z_][A-Za-z0-9_]*)(, *\d+)?$/);
    }
  });
});


test('saved queries are on the access log group, named after the API', () => {
  for (const query of Object.values(SavedQuery)) {
    defaults.template.hasResourceProperties('AWS::Logs::QueryDefinition', {
      Name: `Shop-Api-prod/${query}`,
      QueryString: savedQueryString(query),
      LogGroupNames: [{ Ref: Match.stringLikeRegexp('^AccessLogs') }],
    });
  }
  defaults.template.resourceCountIs('AWS::Logs::QueryDefinition', 4);
});
