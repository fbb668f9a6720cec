import { planMonitoring } from './plan';

/**
 * CloudWatch list prices used for the cost estimate: us-east-1, first tier, no free tier, in US
 * cents per month. Taken 2026-11-23 from the public CloudWatch pricing page.
 */
export const CLOUDWATCH_PRICES_CENTS = {
  /** A standard-resolution alarm, per metric it watches (a metric-math alarm pays for each metric in it). */
  alarmMetric: 10,
  /** A composite alarm. */
  compositeAlarm: 50,
  /** A custom metric published every hour of the month (prorated by the hour it is published in). */
  customMetric: 30,
  /** A dashboard. */
  dashboard: 300,
  /** A saved Logs Insights query definition. */
  queryDefinition: 0,
};

/** The date the prices were taken. */
export const CLOUDWATCH_PRICES_DATE = '2026-11-23';

/** What monitoring creates that CloudWatch bills for. */
export interface MonitoringInventory {
  /** Metrics watched by standard alarms, counting each metric of a metric-math alarm. */
  readonly alarmMetrics: number;
  /** Composite alarms. */
  readonly compositeAlarms: number;
  /** Custom metrics published by metric filters. */
  readonly customMetrics: number;
  /** Dashboards. */
  readonly dashboards: number;
  /** Saved Logs Insights queries. */
  readonly queryDefinitions: number;
}

/** The monthly cost of monitoring, in US dollars. */
export interface MonitoringCost {
  /** Alarms, composite alarm and dashboard: billed every month whatever the traffic. */
  readonly fixedUsd: number;
  /**
   * The failure metrics if every one of them is published every hour of the month. They have no
   * default value, so they publish (and bill, by the hour) only in hours when that failure occurs.
   */
  readonly customMetricsMaxUsd: number;
  /** Both together: the most a month can cost. */
  readonly maxUsd: number;
}

/** The monthly cost of what monitoring creates, at list prices. */
export function estimateMonthlyCost(inventory: MonitoringInventory): MonitoringCost {
  const p = CLOUDWATCH_PRICES_CENTS;
  const fixed = inventory.alarmMetrics * p.alarmMetric + inventory.compositeAlarms * p.compositeAlarm +
    inventory.dashboards * p.dashboard + inventory.queryDefinitions * p.queryDefinition;
  const custom = inventory.customMetrics * p.customMetric;
  return { fixedUsd: fixed / 100, customMetricsMaxUsd: custom / 100, maxUsd: (fixed + custom) / 100 };
}

/** The cost of monitoring at its defaults, for a function whose timeout is known. */
export function defaultMonitoringCost(): MonitoringCost {
  return estimateMonthlyCost(planMonitoring(undefined, { hasAccessLogGroup: true, functionTimeoutKnown: true }).plan.inventory);
}

function usd(value: number): string {
  return `US$${value.toFixed(2)}`;
}

/** The README table of the monthly cost at defaults, from the prices and the default inventory. */
export function renderCostTable(): string {
  const p = CLOUDWATCH_PRICES_CENTS;
  const inv = planMonitoring(undefined, { hasAccessLogGroup: true, functionTimeoutKnown: true }).plan.inventory;
  const cost = estimateMonthlyCost(inv);
  return [
    `| Item (list prices of ${CLOUDWATCH_PRICES_DATE}, us-east-1) | Count | Unit price | Per month |`,
    '|---|---|---|---|',
    `| Alarm metrics (a metric-math alarm counts each metric in it) | ${inv.alarmMetrics} | ${usd(p.alarmMetric / 100)} | ${usd(inv.alarmMetrics * p.alarmMetric / 100)} |`,
    `| Composite alarm | ${inv.compositeAlarms} | ${usd(p.compositeAlarm / 100)} | ${usd(inv.compositeAlarms * p.compositeAlarm / 100)} |`,
    `| Saved Logs Insights queries | ${inv.queryDefinitions} | free | ${usd(0)} |`,
    `| **Fixed** | | | **${usd(cost.fixedUsd)}** |`,
    `| Failure metrics, billed by the hour only in hours they publish | ${inv.customMetrics} | ${usd(p.customMetric / 100)} a full month | ${usd(0)} to ${usd(cost.customMetricsMaxUsd)} |`,
    `| **Total** | | | **${usd(cost.fixedUsd)} to ${usd(cost.maxUsd)}** |`,
    `| Dashboard (\`dashboard: true\`, off by default) | 0 | ${usd(p.dashboard / 100)} | ${usd(0)} |`,
  ].join('\n');
}
