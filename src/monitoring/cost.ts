import { resolveStageOptions } from '../defaults';
import { MonitoringInventory, planMonitoring } from './plan';

/**
 * CloudWatch list prices used for the cost estimate: us-east-1, first tier, no free tier, in US
 * cents per month. Taken on `CLOUDWATCH_PRICES_DATE` from the public CloudWatch pricing page.
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

/**
 * X-Ray list price (us-east-1, taken on `CLOUDWATCH_PRICES_DATE` from the public X-Ray pricing
 * page): US cents per million traces recorded, and the traces a month the free tier covers.
 */
export const XRAY_PRICES = {
  /** Per million traces recorded. */
  tracesRecordedPerMillionCents: 500,
  /** Traces recorded free every month, per account. */
  freeTracesPerMonth: 100_000,
};

/** The most metrics API Gateway publishes per method with detailed metrics (`metricsEnabled`). */
export const DETAILED_METRICS_PER_METHOD = 7;

/**
 * The most detailed metrics cost a month for a stage with this many methods: each is billed as a
 * custom metric, whatever the traffic.
 */
export function detailedMetricsMaxMonthlyUsd(methods: number): number {
  return Math.round(methods * DETAILED_METRICS_PER_METHOD * CLOUDWATCH_PRICES_CENTS.customMetric) / 100;
}

/** Seconds in a 30-day month. */
const SECONDS_PER_MONTH = 30 * 24 * 3600;

/**
 * About what X-Ray costs a month for a steady request rate under X-Ray's default sampling rule
 * (the first request each second, then 5 % of the rest), after the free tier.
 */
export function xrayMonthlyUsd(requestsPerSecond: number): number {
  const perSecond = Math.min(requestsPerSecond, 1) + Math.max(requestsPerSecond - 1, 0) * 0.05;
  const billable = Math.max(0, perSecond * SECONDS_PER_MONTH - XRAY_PRICES.freeTracesPerMonth);
  return Math.round(billable * XRAY_PRICES.tracesRecordedPerMillionCents / 1_000_000) / 100;
}

function usd(value: number): string {
  return `US$${value.toFixed(2)}`;
}

function onOff(on: boolean | undefined): string {
  return on ? 'on by default' : 'off by default';
}

/**
 * The README table of the monthly cost: what the defaults create, at list prices, then what
 * scales with traffic and each optional extra, with whether the defaults turn it on.
 */
export function renderCostTable(): string {
  const p = CLOUDWATCH_PRICES_CENTS;
  const stage = resolveStageOptions(undefined);
  const inv = planMonitoring(undefined, { hasAccessLogGroup: true, functionTimeoutKnown: true }).plan.inventory;
  const cost = estimateMonthlyCost(inv);
  const perMethod = detailedMetricsMaxMonthlyUsd(1);
  return [
    `| Item (list prices of ${CLOUDWATCH_PRICES_DATE}, us-east-1) | Count | Unit price | Per month |`,
    '|---|---|---|---|',
    `| Alarm metrics (a metric-math alarm counts each metric in it) | ${inv.alarmMetrics} | ${usd(p.alarmMetric / 100)} | ${usd(inv.alarmMetrics * p.alarmMetric / 100)} |`,
    `| Composite alarm | ${inv.compositeAlarms} | ${usd(p.compositeAlarm / 100)} | ${usd(inv.compositeAlarms * p.compositeAlarm / 100)} |`,
    `| Saved Logs Insights queries | ${inv.queryDefinitions} | free | ${usd(0)} |`,
    `| **Fixed** | | | **${usd(cost.fixedUsd)}** |`,
    `| Failure metrics (\`failureMetrics\`, on by default), billed by the hour only in hours they publish | ${inv.customMetrics} | ` +
      `${usd(p.customMetric / 100)} a full month | ${usd(0)} to ${usd(cost.customMetricsMaxUsd)} |`,
    `| **Monitoring at its defaults** | | | **${usd(cost.fixedUsd)} to ${usd(cost.maxUsd)}** |`,
    `| X-Ray traces recorded (\`deployOptions.tracingEnabled\`, ${onOff(stage.tracingEnabled)}), sampled: by default the first request ` +
      'each second and 5 % of the rest | per million traces | ' +
      `${usd(XRAY_PRICES.tracesRecordedPerMillionCents / 100)} | grows with traffic, the first ${XRAY_PRICES.freeTracesPerMonth.toLocaleString('en-US')} ` +
      `a month free: about ${usd(xrayMonthlyUsd(1))} at a steady 1 request a second, ${usd(xrayMonthlyUsd(10))} at 10, ${usd(xrayMonthlyUsd(100))} at 100 |`,
    `| Detailed metrics (\`deployOptions.metricsEnabled\`, ${onOff(stage.metricsEnabled)}), billed as custom metrics | ` +
      `up to ${DETAILED_METRICS_PER_METHOD} × methods | ${usd(p.customMetric / 100)} | up to ${usd(perMethod)} per method: ` +
      `${usd(detailedMetricsMaxMonthlyUsd(20))} for 20 methods, ${usd(detailedMetricsMaxMonthlyUsd(200))} for 200 |`,
    `| Dashboard (\`dashboard: true\`, off by default) | 1 | ${usd(p.dashboard / 100)} | ${usd(p.dashboard / 100)} |`,
  ].join('\n');
}
