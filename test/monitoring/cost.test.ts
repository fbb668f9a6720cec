import { defaults } from './support';
import {
  CLOUDWATCH_PRICES_DATE,
  defaultMonitoringCost,
  estimateMonthlyCost,
  planMonitoring,
  renderCostTable,
} from '../../src/monitoring';

describe('cost', () => {
  test.each<[string, Parameters<typeof estimateMonthlyCost>[0], { fixedUsd: number; customMetricsMaxUsd: number; maxUsd: number }]>([
    ['nothing', { alarmMetrics: 0, compositeAlarms: 0, customMetrics: 0, dashboards: 0, queryDefinitions: 0 }, { fixedUsd: 0, customMetricsMaxUsd: 0, maxUsd: 0 }],
    ['one alarm', { alarmMetrics: 1, compositeAlarms: 0, customMetrics: 0, dashboards: 0, queryDefinitions: 0 }, { fixedUsd: 0.1, customMetricsMaxUsd: 0, maxUsd: 0.1 }],
    ['a composite alarm', { alarmMetrics: 0, compositeAlarms: 1, customMetrics: 0, dashboards: 0, queryDefinitions: 0 }, { fixedUsd: 0.5, customMetricsMaxUsd: 0, maxUsd: 0.5 }],
    ['queries are free', { alarmMetrics: 0, compositeAlarms: 0, customMetrics: 0, dashboards: 0, queryDefinitions: 4 }, { fixedUsd: 0, customMetricsMaxUsd: 0, maxUsd: 0 }],
    ['a dashboard', { alarmMetrics: 0, compositeAlarms: 0, customMetrics: 0, dashboards: 1, queryDefinitions: 0 }, { fixedUsd: 3, customMetricsMaxUsd: 0, maxUsd: 3 }],
    ['defaults', { alarmMetrics: 8, compositeAlarms: 1, customMetrics: 4, dashboards: 0, queryDefinitions: 4 }, { fixedUsd: 1.3, customMetricsMaxUsd: 1.2, maxUsd: 2.5 }],
  ])('%s', (_name, inventory, expected) => {
    expect(estimateMonthlyCost(inventory)).toEqual(expected);
  });

  test('at defaults: US$1.30 a month fixed, US$2.50 at most; the figure the README quotes', () => {
    expect(defaultMonitoringCost()).toEqual({ fixedUsd: 1.3, customMetricsMaxUsd: 1.2, maxUsd: 2.5 });
    expect(defaults.monitoring.monthlyCost).toEqual(defaultMonitoringCost());
    expect(CLOUDWATCH_PRICES_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('the estimate counts what the template holds', () => {
    const alarms = Object.values(defaults.template.findResources('AWS::CloudWatch::Alarm'));
    const metricsOf = (a: any) => (a.Properties.Metrics ? a.Properties.Metrics.filter((m: any) => m.MetricStat).length : 1);
    const alarmMetrics = alarms.reduce((sum, a) => sum + metricsOf(a), 0);
    const inventory = planMonitoring(undefined, { hasAccessLogGroup: true, functionTimeoutKnown: true }).plan.inventory;
    expect(inventory).toEqual({
      alarmMetrics,
      compositeAlarms: Object.keys(defaults.template.findResources('AWS::CloudWatch::CompositeAlarm')).length,
      customMetrics: Object.keys(defaults.template.findResources('AWS::Logs::MetricFilter')).length,
      dashboards: 0,
      queryDefinitions: Object.keys(defaults.template.findResources('AWS::Logs::QueryDefinition')).length,
    });
  });

  test('the README cost table shows the same figures', () => {
    const table = renderCostTable();
    expect(table).toContain('| Alarm metrics (a metric-math alarm counts each metric in it) | 8 | US$0.10 | US$0.80 |');
    expect(table).toContain('| Composite alarm | 1 | US$0.50 | US$0.50 |');
    expect(table).toContain('**US$1.30 to US$2.50**');
    expect(table).toContain(CLOUDWATCH_PRICES_DATE);
  });
});
