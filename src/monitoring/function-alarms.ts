import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { handlerFacts } from '../defaults';
import { AlarmFactory, AlarmFactoryProps } from './alarm-factory';
import { AlarmContext, createAlarms } from './alarms';
import { functionMetrics } from './metrics';
import { MonitoringAlarm, MonitoringOptions } from './options';
import { ALARM_METRIC_COUNT, LAMBDA_ALARMS, MonitoringInventory, MonitoringPlan } from './plan';

/** The Lambda alarms of one more function behind the API. */
export interface FunctionAlarmPlan {
  readonly handler: lambda.IFunction;
  /** The stage's plan, with only this function's alarms. */
  readonly plan: MonitoringPlan;
  readonly functionTimeoutMs?: number;
  /** The metrics its alarms watch, for the cost estimate. */
  readonly alarmMetrics: number;
}

/** The Lambda alarms the options ask for, for one more function (duration only where its timeout is known). */
export function functionAlarmPlan(plan: MonitoringPlan, options: MonitoringOptions | undefined, handler: lambda.IFunction): FunctionAlarmPlan {
  const timeoutSeconds = handlerFacts(handler).timeoutSeconds;
  const disabled = new Set(options?.disabledAlarms ?? []);
  const alarms = plan.enabled
    ? LAMBDA_ALARMS.filter((a) => !disabled.has(a as MonitoringAlarm) && (a !== MonitoringAlarm.LAMBDA_DURATION || timeoutSeconds !== undefined))
    : [];
  return {
    handler,
    plan: { ...plan, alarms: alarms as MonitoringAlarm[] },
    functionTimeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    alarmMetrics: alarms.reduce((sum, a) => sum + ALARM_METRIC_COUNT[a], 0),
  };
}

/** Builds one more function's Lambda alarms in a scope of their own, named `<prefix>-<id>-<what>`, with the stage's alarm settings. */
export function createFunctionAlarms(
  scope: Construct, id: string, extra: FunctionAlarmPlan, factoryProps: AlarmFactoryProps, stage: AlarmContext,
): cloudwatch.Alarm[] {
  const factory = new AlarmFactory(new Construct(scope, id), { ...factoryProps, namePrefix: `${factoryProps.namePrefix}-${id}` });
  const built = createAlarms(factory, {
    ...stage,
    plan: extra.plan,
    metrics: { ...stage.metrics, ...functionMetrics(extra.handler, extra.plan.minimumRequests) },
    handlerName: extra.handler.functionName,
    functionTimeoutMs: extra.functionTimeoutMs,
  });
  return extra.plan.alarms.map((a) => built[a]);
}

/** The stage's inventory with the metrics the alarms of more functions watch. */
export function withFunctionAlarms(inventory: MonitoringInventory, extras: FunctionAlarmPlan[]): MonitoringInventory {
  return { ...inventory, alarmMetrics: inventory.alarmMetrics + extras.reduce((sum, p) => sum + p.alarmMetrics, 0) };
}
