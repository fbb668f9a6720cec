import { ResilienceRule } from '../rule';
import { stageDefinedBy, stageSettings } from '../stage-settings';

/**
 * The `$context` variables an access log needs to tell 5xx causes apart: one of each group. Checked
 * by presence, whatever the format around them (JSON, CLF, CSV).
 */
const NEEDED: string[][] = [
  ['$context.status'],
  ['$context.error.responseType'],
  ['$context.integration.status', '$context.integration.integrationStatus', '$context.integrationStatus'],
];

/** An access log that cannot tell a timeout from a function error from a throttle. */
export const AccessLogMissingFields: ResilienceRule = {
  id: 'AccessLogMissingFields',
  level: 'Warning',
  trap: "The stage's access log format lacks the fields that name a 5xx ($context.status, $context.error.responseType, $context.integration.status): a timeout, a function error and a Lambda throttle look alike in the logs.",
  fix: 'Add $context.status, $context.error.responseType and $context.integration.status (or $context.integration.integrationStatus) to the access log format.',
  check: (logicalId, resource, index) => {
    const stage = stageDefinedBy(logicalId, resource, index);
    const format = stage ? stageSettings(stage).accessLogFormat : undefined;
    if (format === undefined) {
      return [];
    }
    const missing = NEEDED.filter((group) => !group.some((variable) => new RegExp(`${variable.replace(/[.$]/g, '\\$&')}(?![A-Za-z0-9_.])`).test(format)));
    return missing.length > 0 ? [`access log format lacks ${missing.map((g) => g[0]).join(', ')}`] : [];
  },
};
