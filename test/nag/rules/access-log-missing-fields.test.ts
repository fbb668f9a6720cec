import { renderAccessLogFormat } from '../../../src/access-log-format';
import { AccessLogMissingFields } from '../../../src/nag/rules/access-log-missing-fields';
import { findings, restApi, stage, template } from '../fixtures';

function withFormat(format: string): any {
  return template(restApi(), stage({ AccessLogSetting: { DestinationArn: 'arn:aws:logs:eu-west-1:1:log-group:g', Format: format } }));
}

describe('AccessLogMissingFields', () => {
  test("fires on aws-cdk-lib's CLF format, which cannot tell a timeout from a function error", () => {
    const clf = '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId';
    expect(findings(AccessLogMissingFields, withFormat(clf))).toEqual(['Stage: access log format lacks $context.error.responseType, $context.integration.status']);
  });

  test('does not mistake $context.integration.status for $context.status', () => {
    expect(findings(AccessLogMissingFields, withFormat('$context.integration.status $context.error.responseType'))).toEqual(['Stage: access log format lacks $context.status']);
  });

  test("does not fire on the construct's format, on integrationStatus instead of integration.status, nor without access logs", () => {
    expect(findings(AccessLogMissingFields, withFormat(renderAccessLogFormat()))).toEqual([]);
    expect(findings(AccessLogMissingFields, withFormat('{"s":"$context.status","t":"$context.error.responseType","i":"$context.integration.integrationStatus"}'))).toEqual([]);
    expect(findings(AccessLogMissingFields, template(restApi(), stage()))).toEqual([]);
  });
});
