import { ResilienceRule } from '../rule';
import { AccessLogMissingFields } from './access-log-missing-fields';
import { BurstAboveReservedConcurrency } from './burst-above-reserved-concurrency';
import { CorsMissingOnErrors } from './cors-missing-on-errors';
import { CustomIntegrationWithoutErrorResponse } from './custom-integration-without-error-response';
import { DataTraceEnabled } from './data-trace-enabled';
import { EdgeIntegrationTimeout } from './edge-integration-timeout';
import { ExecutionLogsWithoutRetention } from './execution-logs-without-retention';
import { FallbackStatusCode } from './fallback-status-code';
import { FunctionOutlivesIntegration } from './function-outlives-integration';
import { FunctionPolicyNearLimit } from './function-policy-near-limit';
import { FunctionPolicyTooLarge } from './function-policy-too-large';
import { IntegrationFailureWithoutStatus } from './integration-failure-without-status';
import { MissingInvokePermission } from './missing-invoke-permission';
import { ResponseWithoutStatus } from './response-without-status';
import { StageWithoutAlarm } from './stage-without-alarm';
import { TemplateNotJson } from './template-not-json';

/** Every rule of the pack, in the order the README lists them. */
export const RESILIENCE_RULES: ResilienceRule[] = [
  FallbackStatusCode,
  IntegrationFailureWithoutStatus,
  ResponseWithoutStatus,
  TemplateNotJson,
  CorsMissingOnErrors,
  EdgeIntegrationTimeout,
  FunctionOutlivesIntegration,
  FunctionPolicyTooLarge,
  FunctionPolicyNearLimit,
  MissingInvokePermission,
  CustomIntegrationWithoutErrorResponse,
  ExecutionLogsWithoutRetention,
  DataTraceEnabled,
  AccessLogMissingFields,
  StageWithoutAlarm,
  BurstAboveReservedConcurrency,
];
