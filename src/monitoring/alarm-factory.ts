import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';

/** The period of every metric an alarm watches: one minute, so a problem shows within minutes. */
export const ALARM_PERIOD = Duration.minutes(1);

/** How many one-minute datapoints every alarm looks back over. */
export const EVALUATION_PERIODS = 5;

/**
 * How many of the last `EVALUATION_PERIODS` datapoints must breach.
 *
 * TREND: 3 of 5, so an intermittent problem alarms within about five minutes and one bad
 * minute does not. ANY: 1 of 5, for events that should never happen at all (an integration
 * timeout); the alarm stays up for five quiet minutes before it clears, so it does not flap.
 */
export enum Sensitivity {
  TREND = 3,
  ANY = 1,
}

/** One alarm, as the factory builds it. */
export interface AlarmSpec {
  /** What the alarm watches, in PascalCase; the alarm's name ends in it and its construct id is it. */
  readonly what: string;
  /** The metric or metric-math expression, with its statistic; the factory sets the period. */
  readonly metric: cloudwatch.IMetric;
  /** The threshold the metric is compared with. */
  readonly threshold: number;
  /** How the metric is compared with the threshold. */
  readonly comparisonOperator: cloudwatch.ComparisonOperator;
  /** How many breaching datapoints it takes. */
  readonly sensitivity: Sensitivity;
  /** What broke and where to look. */
  readonly description: string;
}

/** What every alarm of one API shares. */
export interface AlarmFactoryProps {
  /** The start of every alarm name: `<prefix>-<what>`. */
  readonly namePrefix: string;
  /** Actions when an alarm goes into ALARM. */
  readonly alarmActions: cloudwatch.IAlarmAction[];
  /** Actions when an alarm goes back to OK. */
  readonly okActions: cloudwatch.IAlarmAction[];
  /** Whether each metric alarm gets the actions, or only composite alarms. */
  readonly actionsOnMetricAlarms: boolean;
}

/** CloudWatch's limit on an alarm description. */
export const MAX_DESCRIPTION_LENGTH = 1024;

/** The name of an alarm: `<prefix>-<what>`. */
export function alarmName(prefix: string, what: string): string {
  return `${prefix}-${what}`;
}

/**
 * Cuts a description to CloudWatch's limit, marking the cut. One holding tokens (a log group or
 * function name) is left whole: cutting could split a token, and its length is not known yet.
 */
export function fitDescription(description: string): string {
  if (Token.isUnresolved(description) || description.length <= MAX_DESCRIPTION_LENGTH) {
    return description;
  }
  return `${description.slice(0, MAX_DESCRIPTION_LENGTH - 1)}…`;
}

/**
 * Builds every alarm of one API the same way: name, one-minute period, five evaluation periods,
 * missing data not breaching, actions. Change a convention here and every alarm follows.
 */
export class AlarmFactory {
  constructor(private readonly scope: Construct, private readonly props: AlarmFactoryProps) {}

  /** A metric alarm from the spec, with the uniform settings. */
  public alarm(spec: AlarmSpec): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this.scope, spec.what, {
      alarmName: alarmName(this.props.namePrefix, spec.what),
      alarmDescription: fitDescription(spec.description),
      metric: withPeriod(spec.metric),
      threshold: spec.threshold,
      comparisonOperator: spec.comparisonOperator,
      evaluationPeriods: EVALUATION_PERIODS,
      datapointsToAlarm: spec.sensitivity,
      // A quiet API publishes nothing; silence is not a failure.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (this.props.actionsOnMetricAlarms) {
      this.addActions(alarm);
    }
    return alarm;
  }

  /** A composite alarm in ALARM while any of the alarms is, with the actions. */
  public anyOf(what: string, alarms: cloudwatch.IAlarm[], description: string): cloudwatch.CompositeAlarm {
    const composite = new cloudwatch.CompositeAlarm(this.scope, what, {
      compositeAlarmName: alarmName(this.props.namePrefix, what),
      alarmDescription: fitDescription(description),
      alarmRule: cloudwatch.AlarmRule.anyOf(...alarms.map((a) => cloudwatch.AlarmRule.fromAlarm(a, cloudwatch.AlarmState.ALARM))),
    });
    this.addActions(composite);
    return composite;
  }

  private addActions(alarm: cloudwatch.AlarmBase): void {
    if (this.props.alarmActions.length > 0) {
      alarm.addAlarmAction(...this.props.alarmActions);
    }
    if (this.props.okActions.length > 0) {
      alarm.addOkAction(...this.props.okActions);
    }
  }
}

function withPeriod(metric: cloudwatch.IMetric): cloudwatch.IMetric {
  if (metric instanceof cloudwatch.Metric || metric instanceof cloudwatch.MathExpression) {
    return metric.with({ period: ALARM_PERIOD });
  }
  return metric;
}
