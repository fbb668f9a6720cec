import { CfnResourceJson, TemplateIndex } from './template';

/** The pack's name: every rule id starts with it (`ResilienceChecks-FallbackStatusCode`). */
export const PACK_NAME = 'ResilienceChecks';

/** How bad a finding is: an error fails the audit command, a warning does not. */
export type RuleLevel = 'Error' | 'Warning';

/**
 * One rule of the pack: what it is called, how bad it is, what a client would see and the fix,
 * and the check itself. The same rule runs in the cdk-nag pack and in the audit command.
 */
export interface ResilienceRule {
  /** The id after the pack name, for example `FallbackStatusCode`. */
  readonly id: string;
  readonly level: RuleLevel;
  /** The failure a client (or the deploy) would see, in one sentence. */
  readonly trap: string;
  /** What to change, in one sentence. */
  readonly fix: string;
  /**
   * Checks one resource of a template, with the rest of the template around it. Returns one line
   * per problem found on that resource; none when it complies or the rule does not apply.
   */
  readonly check: (logicalId: string, resource: CfnResourceJson, index: TemplateIndex) => string[];
}

/** A rule's full id, as cdk-nag reports and acknowledges it. */
export function ruleName(rule: ResilienceRule): string {
  return `${PACK_NAME}-${rule.id}`;
}

/** The one line a user reads in cdk-nag's report: the trap and its fix. */
export function ruleInfo(rule: ResilienceRule): string {
  return `${rule.trap} Fix: ${rule.fix}`;
}
