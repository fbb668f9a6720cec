import { defaults } from './support';
import { resolveStageOptions } from '../../src/defaults';
import {
  CLOUDWATCH_PRICES_DATE,
  defaultMonitoringCost,
  DETAILED_METRICS_PER_METHOD,
  detailedMetricsMaxMonthlyUsd,
  xrayMonthlyUsd,
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

  test('at defaults: US$1.70 a month fixed, US$3.20 at most; the figure the README quotes', () => {
    expect(defaultMonitoringCost()).toEqual({ fixedUsd: 1.7, customMetricsMaxUsd: 1.5, maxUsd: 3.2 });
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
    expect(table).toContain('| Alarm metrics (a metric-math alarm counts each metric in it) | 12 | US$0.10 | US$1.20 |');
    expect(table).toContain('| Composite alarm | 1 | US$0.50 | US$0.50 |');
    expect(table).toContain('**US$1.70 to US$3.20**');
    expect(table).toContain(CLOUDWATCH_PRICES_DATE);
  });

  test('detailed metrics scale with the methods: up to 7 custom metrics each, US$2.10 a method, US$420 for 200', () => {
    expect(DETAILED_METRICS_PER_METHOD).toBe(7);
    expect(detailedMetricsMaxMonthlyUsd(1)).toBe(2.1);
    expect(detailedMetricsMaxMonthlyUsd(200)).toBe(420);
  });

  test.each<[number, number]>([
    [0, 0],
    // 1 a second: 2,592,000 traces, 2,492,000 after the free tier, at US$5 a million.
    [1, 12.46],
    // 10 a second: the first each second and 5 % of the other 9.
    [10, 18.29],
  ])('X-Ray at a steady %s requests a second costs about US$%s a month', (rps, usd) => {
    expect(xrayMonthlyUsd(rps)).toBe(usd);
  });

  test('the README cost table has a line per optional extra, and says what the defaults turn on', () => {
    const table = renderCostTable();
    const stage = resolveStageOptions(undefined);
    expect(stage).toMatchObject({ metricsEnabled: false, tracingEnabled: true });
    expect(table).toContain('| Detailed metrics (`deployOptions.metricsEnabled`, off by default), billed as custom metrics | up to 7 × methods | US$0.30 | ' +
      'up to US$2.10 per method: US$42.00 for 20 methods, US$420.00 for 200 |');
    expect(table).toMatch(/\| X-Ray traces recorded \(`deployOptions.tracingEnabled`, on by default\).* \| per million traces \| US\$5\.00 \| .*100,000 a month free/);
    expect(table).toContain('| Dashboard (`dashboard: true`, off by default) | 1 | US$3.00 | US$3.00 |');
    expect(table).toMatch(/\| Failure metrics \(`failureMetrics`, on by default\)/);
  });
});
