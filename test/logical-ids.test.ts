// Pins the logical id of every resource the construct creates. A refactor that renames one would make
// CloudFormation replace users' resources (and, for a log group, drop its logs): it must fail here first.
// The deployment's id ends in a hash of the API on purpose (a change must redeploy), so only its prefix is pinned.
import * as cdk from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ResilientLambdaRestApi } from '../src';
import { buildDefaultStack, buildFullyConfiguredStack } from './full-config';
import { newStack } from './util';

const ERROR_RESPONSES = [
  'ApiErrorResponseINTEGRATIONTIMEOUTFAB3B9D8', 'ApiErrorResponseINTEGRATIONFAILURE0D0F3136', 'ApiErrorResponseAPICONFIGURATIONERRORE17E928F',
  'ApiErrorResponseTHROTTLED5D81601C', 'ApiErrorResponseQUOTAEXCEEDEDFDEE470C', 'ApiErrorResponseAUTHORIZERFAILURE7F2A58AF',
  'ApiErrorResponseAUTHORIZERCONFIGURATIONERROR5D573C96', 'ApiErrorResponseACCESSDENIED650AC12A', 'ApiErrorResponseUNAUTHORIZED4C942A29',
  'ApiErrorResponseEXPIREDTOKEN2671E161', 'ApiErrorResponseINVALIDSIGNATURE845D62A9', 'ApiErrorResponseINVALIDAPIKEYBD3ED4FF',
  'ApiErrorResponseMISSINGAUTHENTICATIONTOKENBF7374FC', 'ApiErrorResponseWAFFILTERED349B8663', 'ApiErrorResponseRESOURCENOTFOUNDBCCB0A08',
  'ApiErrorResponseBADREQUESTPARAMETERS1A5269CE', 'ApiErrorResponseBADREQUESTBODY5160EAFB', 'ApiErrorResponseREQUESTTOOLARGE8EF115DD',
  'ApiErrorResponseUNSUPPORTEDMEDIATYPEC543F1CC', 'ApiErrorResponseDEFAULT4XXD5AC105C', 'ApiErrorResponseDEFAULT5XX048D43FF',
];

const LOGS_AND_MONITORING = [
  'ApiExecutionLogsB326CF6B', 'ApiAccessLogs50B185DB',
  'ApiMonitoringIntegrationTimeoutFilter256ED80B', 'ApiMonitoringIntegrationFailureFilterAF125935', 'ApiMonitoringLambdaThrottleFilter13089DF1',
  'ApiMonitoringApiConfigurationErrorFilterE0B98536', 'ApiMonitoringThrottledFilter4B13D75B',
  'ApiMonitoringFailuresByCauseQuery361705BD', 'ApiMonitoringSlowestRequestsQuery16825757',
  'ApiMonitoringTimeoutsByPathQuery1C9288E4', 'ApiMonitoringApiToLambdaRequestIdQueryB35DA9E1',
  'ApiMonitoringServerErrorRate58F40B4F', 'ApiMonitoringIntegrationLatency9235B466', 'ApiMonitoringIntegrationTimeoutsB7C398F9',
  'ApiMonitoringLambdaErrorRateDA889933', 'ApiMonitoringLambdaThrottles4CDB3661', 'ApiMonitoringLambdaDuration17BE5E62',
  'ApiMonitoringUnhealthy61FB355A',
];

const PERMISSION = 'ApiApiPermissionApiScopedTestStackHandlerFDC7B8A5TestStackApi46A8C9EA1843A3C8';

function idsOfTheConstruct(build: (stack: cdk.Stack) => ResilientLambdaRestApi): string[] {
  const stack = newStack();
  const api = build(stack);
  const ours = new Set(api.node.findAll().filter((c) => c instanceof cdk.CfnResource).map((c) => stack.resolve((c as cdk.CfnResource).logicalId)));
  return Object.keys(Template.fromStack(stack).toJSON().Resources)
    .filter((id) => ours.has(id))
    .map((id) => id.replace(/^(ApiDeploymentB17BE62D)[0-9a-f]{32}$/, '$1<hash>'))
    .sort();
}

test('the default stack\'s logical ids are pinned', () => {
  expect(idsOfTheConstruct(buildDefaultStack)).toEqual([
    'ApiF70053CD', 'ApiDeploymentB17BE62D<hash>', 'ApiDeploymentStageprod3EB9684E', 'Apiproxy05443892', 'ApiproxyANY4946669B', 'ApiANY40671C4F',
    PERMISSION, 'ApiApiPermissionTestInvokeTestStackHandlerFDC7B8A525DC1992',
    ...ERROR_RESPONSES, ...LOGS_AND_MONITORING,
  ].sort());
});

test('the fully configured stack\'s logical ids are pinned', () => {
  expect(idsOfTheConstruct(buildFullyConfiguredStack)).toEqual([
    'ApiF70053CD', 'ApiDeploymentB17BE62D<hash>', 'ApiDeploymentStagelive43C16EA7',
    'ApiOPTIONS5886EA5D', 'Apiorders33D48F48', 'ApiordersOPTIONSD9A07A83', 'ApiordersGET54B35769', 'ApiordersPOSTC4B92180',
    'ApiordersidC5161A21', 'ApiordersidOPTIONS75CFDD1B', 'ApiordersidDELETEF95EEDC1',
    PERMISSION, ...ERROR_RESPONSES, ...LOGS_AND_MONITORING,
    'ApiMonitoringDashboard86C659C4', 'ApiCloudWatchRole73EC6FC4', 'ApiAccountA18C9B29',
  ].sort());
});

test.each([['default', buildDefaultStack], ['fully configured', buildFullyConfiguredStack]] as const)(
  'the %s stack synthesizes to the same template twice', (_, build) => {
    const once = () => {
      const stack = newStack();
      build(stack);
      return JSON.stringify(Template.fromStack(stack).toJSON());
    };
    expect(once()).toBe(once());
  },
);
