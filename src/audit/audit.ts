import { ResilienceRule, ruleInfo, RuleLevel, ruleName } from '../nag/rule';
import { RESILIENCE_RULES } from '../nag/rules';
import { CfnResourceJson, CfnTemplate, TemplateIndex } from '../nag/template';

/** One finding of the audit: a rule that fires on a resource of the template. */
export interface AuditFinding {
  /** The rule's full id, as cdk-nag reports it (`ResilienceChecks-FallbackStatusCode`). */
  readonly rule: string;
  readonly level: RuleLevel;
  readonly logicalId: string;
  /** What exactly is wrong on that resource. */
  readonly detail: string;
  /** The trap and its fix, as the rule states them. */
  readonly info: string;
  /** The failure a client (or the deploy) would see, as the rule states it. */
  readonly trap: string;
  /** What to change, as the rule states it. */
  readonly fix: string;
}

/** The rule ids a resource acknowledges in its template metadata (cdk-nag's `writeSuppressionsToCloudFormation`). */
function acknowledgedIn(resource: CfnResourceJson): Set<string> {
  const rules: any[] = resource.Metadata?.cdk_nag?.rules_to_suppress ?? [];
  return new Set(rules.map((r) => String(r?.id)));
}

/**
 * Runs every rule of the pack over a synthesized template: the same rules, on the same resources,
 * as `ResilienceChecks` on the construct tree. Findings the resource acknowledges in its
 * `cdk_nag.rules_to_suppress` metadata are left out.
 *
 * @param template the template (a `cdk.out/*.template.json`, or a hand-written one)
 * @param stackName the stack's name, where known (estimates of generated names use its length)
 * @param rules the rules to run
 */
export function auditTemplate(template: CfnTemplate, stackName?: string, rules: ResilienceRule[] = RESILIENCE_RULES): AuditFinding[] {
  const index = new TemplateIndex(template, stackName);
  const findings: AuditFinding[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const acknowledged = acknowledgedIn(resource);
    for (const rule of rules) {
      if (acknowledged.has(ruleName(rule))) {
        continue;
      }
      for (const detail of rule.check(logicalId, resource, index)) {
        findings.push({ rule: ruleName(rule), level: rule.level, logicalId, detail, info: ruleInfo(rule), trap: rule.trap, fix: rule.fix });
      }
    }
  }
  return findings;
}

/** The findings as a plain-text table, errors first, then what each rule that fired means. */
export function renderAuditTable(findings: AuditFinding[]): string {
  if (findings.length === 0) {
    return 'No findings.';
  }
  const sorted = [...findings].sort((a, b) => (a.level === b.level ? 0 : a.level === 'Error' ? -1 : 1));
  const rows = [['Level', 'Rule', 'Resource', 'Finding'], ...sorted.map((f) => [f.level, f.rule, f.logicalId, f.detail])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => [...r.slice(0, 3).map((cell, c) => cell.padEnd(widths[c])), r[3]].join('  ');
  const legend = [...new Map(sorted.map((f) => [f.rule, `${f.rule}: ${f.info}`])).values()];
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w)).concat('-------')), ...rows.slice(1).map(line), '', ...legend].join('\n');
}

/** The exit code of the audit: 1 when any finding is an error, 0 otherwise. */
export function auditExitCode(findings: AuditFinding[]): number {
  return findings.some((f) => f.level === 'Error') ? 1 : 0;
}
