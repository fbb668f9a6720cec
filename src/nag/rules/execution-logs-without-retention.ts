import { ResilienceRule } from '../rule';
import { stageDefinedBy, stageSettings } from '../stage-settings';
import { flatten, literal } from '../template';

const LOGGING_ON = ['INFO', 'ERROR'];

/** Execution logging on without the managed log group API Gateway writes to: it creates its own and keeps it forever. */
export const ExecutionLogsWithoutRetention: ResilienceRule = {
  id: 'ExecutionLogsWithoutRetention',
  level: 'Warning',
  trap: 'Execution logging is on, but the stack has no API-Gateway-Execution-Logs_{restApiId}/{stage} log group with a retention: API Gateway creates the group itself and keeps every line forever.',
  fix: 'Create the log group API-Gateway-Execution-Logs_{restApiId}/{stage} (from the API id and the literal stage name) with a retention, and make the stage depend on it.',
  check: (logicalId, resource, index) => {
    const stage = stageDefinedBy(logicalId, resource, index);
    if (!stage || stage.stageName === undefined
      || !stageSettings(stage).methodSettings.some((s) => LOGGING_ON.includes(literal(s?.LoggingLevel)?.toUpperCase() ?? ''))) {
      return [];
    }
    const wanted = `API-Gateway-Execution-Logs_${flatten(resource.Properties.RestApiId)}/${stage.stageName}`;
    const group = index.ofType('AWS::Logs::LogGroup').find(([, g]) => flatten(g.Properties?.LogGroupName) === wanted);
    if (!group) {
      return [`no log group ${wanted}`];
    }
    return group[1].Properties?.RetentionInDays === undefined ? [`log group ${group[0]} keeps logs forever (no RetentionInDays)`] : [];
  },
};
