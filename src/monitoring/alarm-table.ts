import { EVALUATION_PERIODS, Sensitivity } from './alarm-factory';
import { FAILURE_METRICS_NAMESPACE } from './failure-metrics';
import { MonitoringAlarm } from './options';
import { MonitoringPlan, planMonitoring } from './plan';

/** What each alarm watches and means, for the README table. */
const ALARM_SUMMARIES: { [alarm: string]: { metric: string; fires: (plan: MonitoringPlan) => string; means: string } } = {
  [MonitoringAlarm.SERVER_ERROR_RATE]: {
    metric: '`AWS/ApiGateway` `5XXError` Sum / `Count` Sum (`ApiName`, `Stage`)',
    fires: (p) => `rate > ${p.serverErrorRateThreshold} in ${Sensitivity.TREND} of ${EVALUATION_PERIODS} minutes; minutes with < ${p.minimumRequests} requests count as 0`,
    means: 'Clients are getting 5XX; `errorType` in the access log says why',
  },
  [MonitoringAlarm.INTEGRATION_LATENCY]: {
    metric: '`AWS/ApiGateway` `IntegrationLatency` p99, gated by its SampleCount (`ApiName`, `Stage`)',
    fires: (p) => `p99 > ${p.integrationLatencyThreshold} × integration timeout in ${Sensitivity.TREND} of ${EVALUATION_PERIODS} minutes; ` +
      `minutes with < ${p.minimumRequests} requests count as 0`,
    means: 'The function is getting close to the integration timeout; 504s come next',
  },
  [MonitoringAlarm.INTEGRATION_TIMEOUTS]: {
    metric: `\`${FAILURE_METRICS_NAMESPACE}\` \`IntegrationTimeout\` Sum (\`ApiId\`, \`Stage\`), from the access log, + \`FunctionDeadlines\` ` +
      'Sum (`FunctionName`), the 504s the handler helpers answered first',
    fires: () => `≥ 1 in any 1 of ${EVALUATION_PERIODS} minutes`,
    means: 'A request timed out (504) and the function may still be running',
  },
  [MonitoringAlarm.LAMBDA_ERROR_RATE]: {
    metric: `(\`AWS/Lambda\` \`Errors\` Sum + \`${FAILURE_METRICS_NAMESPACE}\` \`FunctionErrors\` Sum, the errors the handler helpers caught) / ` +
      '`Invocations` Sum (`FunctionName`)',
    fires: (p) => `rate > ${p.lambdaErrorRateThreshold} in ${Sensitivity.TREND} of ${EVALUATION_PERIODS} minutes; minutes with < ${p.minimumRequests} invocations count as 0`,
    means: 'The function throws or times out (a bug or a failing dependency)',
  },
  [MonitoringAlarm.LAMBDA_THROTTLES]: {
    metric: '`AWS/Lambda` `Throttles` Sum (`FunctionName`)',
    fires: (p) => `≥ ${p.lambdaThrottlesThreshold} in ${Sensitivity.TREND} of ${EVALUATION_PERIODS} minutes`,
    means: 'Concurrency is used up; clients get 5XX, logged as `INTEGRATION_FAILURE` with `lambdaStatus` 429 and counted as `LambdaThrottle`',
  },
  [MonitoringAlarm.LAMBDA_DURATION]: {
    metric: '`AWS/Lambda` `Duration` p99, gated by its SampleCount (`FunctionName`)',
    fires: (p) => `p99 > ${p.lambdaDurationThreshold} × function timeout in ${Sensitivity.TREND} of ${EVALUATION_PERIODS} minutes; ` +
      `minutes with < ${p.minimumRequests} invocations count as 0 (only where the timeout is known)`,
    means: 'The function is getting close to its own timeout',
  },
};

/** The README table of the default alarms, from the defaults in force. */
export function renderAlarmTable(): string {
  const { plan } = planMonitoring(undefined, { hasAccessLogGroup: true, functionTimeoutKnown: true });
  const rows = plan.alarms.map((a) => {
    const summary = ALARM_SUMMARIES[a];
    return `| \`<prefix>-${a}\` | ${summary.metric} | ${summary.fires(plan)} | ${summary.means} |`;
  });
  return [
    '| Alarm | Metric | Fires when | Means |',
    '|---|---|---|---|',
    ...rows,
    '| `<prefix>-Unhealthy` (composite) | the alarms above | any of them is in ALARM | This API is unhealthy: one action to wire |',
  ].join('\n');
}
