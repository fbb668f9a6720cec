import { TemplateStats } from './template-stats';
import { FUNCTION_POLICY_LIMIT_BYTES } from '../src/policy-size';

/** A hard limit that stops a deploy, and how to read it off a synthesized stack. */
export interface HardLimit {
  readonly name: string;
  readonly limit: number;
  readonly unit: string;
  readonly measure: (stats: TemplateStats) => number;
}

/** The limits a REST API on Lambda runs into first, all enforced at deploy time. */
export const HARD_LIMITS: HardLimit[] = [
  {
    name: 'CloudFormation resources per stack',
    limit: 500,
    unit: 'resources',
    measure: (s) => s.resources,
  },
  {
    name: 'Lambda resource-based policy per function',
    limit: FUNCTION_POLICY_LIMIT_BYTES,
    unit: 'bytes',
    measure: (s) => s.policies[0]?.bytes ?? 0,
  },
  {
    name: 'CloudFormation template body (uploaded to S3)',
    limit: 1_048_576,
    unit: 'bytes',
    measure: (s) => s.templateBytes,
  },
];

/** The names of the hard limits a stack exceeds (none if it deploys as far as these limits go). */
export function exceededLimits(stats: TemplateStats): string[] {
  return HARD_LIMITS.filter((l) => l.measure(stats) > l.limit).map((l) => `${l.name} (${l.measure(stats)} > ${l.limit} ${l.unit})`);
}
