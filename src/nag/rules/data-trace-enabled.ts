import { ResilienceRule } from '../rule';
import { stageDefinedBy, stageSettings } from '../stage-settings';

/** Data trace logs full request and response bodies. */
export const DataTraceEnabled: ResilienceRule = {
  id: 'DataTraceEnabled',
  level: 'Warning',
  trap: 'Data trace is on: full request and response bodies (secrets, personal data) go to the execution logs.',
  fix: 'Set dataTraceEnabled to false outside debugging; access logs and ERROR execution logs name failures without the bodies.',
  check: (logicalId, resource, index) => {
    const stage = stageDefinedBy(logicalId, resource, index);
    return stage && stageSettings(stage).methodSettings.some((s) => s?.DataTraceEnabled === true || s?.DataTraceEnabled === 'true')
      ? [`stage ${stage.stageName ?? logicalId} logs request and response bodies`]
      : [];
  },
};
