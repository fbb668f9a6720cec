import { AuditFinding } from './audit';
import { lineOfResource } from './template-file';
import { TemplateSource } from './template-sources';

/** The findings of one template of an audit run. */
export interface TemplateReport {
  readonly source: TemplateSource;
  readonly findings: AuditFinding[];
}

/** One finding as `--format json` writes it. */
export interface FindingRecord {
  /** The template file. */
  readonly template: string;
  /** The logical id of the resource the finding is on. */
  readonly resource: string;
  /** The line of the template where the resource is defined, where it can be found. */
  readonly line?: number;
  /** The rule's full id (`ResilienceChecks-MissingInvokePermission`). */
  readonly rule: string;
  readonly level: string;
  /** What exactly is wrong on that resource, then the trap the rule guards against. */
  readonly message: string;
  readonly fix: string;
}

/** Each finding of an audit run as one record, template by template. */
export function findingRecords(reports: TemplateReport[]): FindingRecord[] {
  return reports.flatMap(({ source, findings }) => findings.map((f) => ({
    template: source.file,
    resource: f.logicalId,
    line: source.text === undefined ? undefined : lineOfResource(source.text, f.logicalId),
    rule: f.rule,
    level: f.level,
    message: `${f.detail}. ${f.trap}`,
    fix: f.fix,
  })));
}

/** `--format json`: one array, one object per finding. */
export function renderJsonReport(reports: TemplateReport[]): string {
  return JSON.stringify(findingRecords(reports), undefined, 2);
}
