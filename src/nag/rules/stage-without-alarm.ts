import { ResilienceRule } from '../rule';
import { stageDefinedBy } from '../stage-settings';
import { flatten, literal, TemplateIndex } from '../template';

/** The API Gateway metrics whose alarms tell that clients are getting failures or are about to. */
const FAILURE_METRICS = ['5XXError', 'IntegrationLatency'];

interface AlarmMetric {
  readonly namespace?: string;
  readonly metricName?: string;
  /** Dimension name to value, flattened (see `flatten`). */
  readonly dimensions: { [name: string]: string };
}

function metricOf(m: any): AlarmMetric {
  const dimensions: { [name: string]: string } = {};
  for (const d of m?.Dimensions ?? []) {
    dimensions[d?.Name] = flatten(d?.Value);
  }
  return { namespace: literal(m?.Namespace), metricName: literal(m?.MetricName), dimensions };
}

/** Every metric any alarm of the template watches, directly or in metric math. */
function alarmMetrics(index: TemplateIndex): AlarmMetric[] {
  return index.cached('alarmMetrics', () => index.ofType('AWS::CloudWatch::Alarm').flatMap(([, a]) => {
    const p = a.Properties ?? {};
    const math = (p.Metrics ?? []).map((q: any) => q?.MetricStat?.Metric).filter((m: any) => m !== undefined);
    return [...(p.MetricName !== undefined ? [p] : []), ...math].map(metricOf);
  }));
}

/**
 * A dimension matches when it is absent (the alarm watches every value), when both sides are written
 * the same way, or when either side is an expression that only the deploy resolves.
 */
function dimensionMatches(value: string | undefined, wanted: string, present: boolean): boolean {
  return !present || value === undefined || value === wanted || value.includes('${') || wanted.includes('${');
}

/** A deployed stage that nobody is told about when it starts failing. */
export const StageWithoutAlarm: ResilienceRule = {
  id: 'StageWithoutAlarm',
  level: 'Warning',
  trap: 'No CloudWatch alarm watches the stage\'s 5XXError or IntegrationLatency: clients get 5xx and timeouts and nobody is told.',
  fix: 'Add an alarm on AWS/ApiGateway 5XXError (a rate over Count, gated on a minimum of requests) and one on IntegrationLatency, with dimensions ApiName and Stage.',
  check: (logicalId, resource, index) => {
    const stage = stageDefinedBy(logicalId, resource, index);
    if (!stage) {
      return [];
    }
    const apiName = flatten(index.resource(stage.restApiId!)?.Properties?.Name);
    const watched = alarmMetrics(index).some((m) => m.namespace === 'AWS/ApiGateway' && FAILURE_METRICS.includes(m.metricName ?? '')
      && dimensionMatches(m.dimensions.Stage, stage.nameExpression, 'Stage' in m.dimensions)
      && dimensionMatches(m.dimensions.ApiName, apiName, 'ApiName' in m.dimensions));
    const name = stage.stageName ?? `${logicalId} (named ${stage.nameExpression})`;
    return watched ? [] : [`stage ${name} has no alarm on ${FAILURE_METRICS.join(' or ')}`];
  },
};
