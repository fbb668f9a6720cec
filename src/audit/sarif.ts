import * as path from 'path';
import { TemplateReport } from './report';
import { lineOfResource } from './template-file';
import { ResilienceRule, ruleName } from '../nag/rule';
import { RESILIENCE_RULES } from '../nag/rules';

/** Where SARIF viewers send a user who wants to know more about a rule. */
const INFORMATION_URI = 'https://github.com/resilient-lambda-rest-api/resilient-lambda-rest-api#resiliencechecks-the-rule-pack';

/** SARIF's level for a rule level. */
function sarifLevel(level: string): string {
  return level === 'Error' ? 'error' : 'warning';
}

/** A file path as a SARIF artifact URI: relative with forward slashes, or a `file://` URI when absolute. */
export function artifactUri(file: string): string {
  const normalized = file.split(path.sep).join('/');
  return path.isAbsolute(file) ? `file://${normalized.startsWith('/') ? '' : '/'}${encodeURI(normalized)}` : encodeURI(normalized);
}

function ruleDescriptor(rule: ResilienceRule): object {
  return {
    id: ruleName(rule),
    name: rule.id,
    shortDescription: { text: rule.trap },
    fullDescription: { text: rule.trap },
    help: { text: `${rule.trap} Fix: ${rule.fix}`, markdown: `${rule.trap}\n\n**Fix:** ${rule.fix}` },
    helpUri: INFORMATION_URI,
    defaultConfiguration: { level: sarifLevel(rule.level) },
    properties: { tags: ['resilience', 'api-gateway', 'lambda'] },
  };
}

function result(report: TemplateReport, finding: TemplateReport['findings'][number], rules: ResilienceRule[]): object {
  const { source } = report;
  const line = source.text === undefined ? undefined : lineOfResource(source.text, finding.logicalId);
  return {
    ruleId: finding.rule,
    ruleIndex: rules.findIndex((r) => ruleName(r) === finding.rule),
    level: sarifLevel(finding.level),
    message: { text: `${finding.detail}. Fix: ${finding.fix}` },
    locations: [{
      physicalLocation: { artifactLocation: { uri: artifactUri(source.file) }, ...(line === undefined ? {} : { region: { startLine: line } }) },
      logicalLocations: [{ name: finding.logicalId, fullyQualifiedName: `${source.stackName}/${finding.logicalId}`, kind: 'resource' }],
    }],
  };
}

/**
 * `--format sarif`: a SARIF 2.1.0 log with one run, every rule of the pack with its help text, and
 * one result per finding located at the resource's line of its template, so that GitHub code
 * scanning and other SARIF viewers show them. Templates that could not be read are tool notifications.
 */
export function renderSarifReport(reports: TemplateReport[], rules: ResilienceRule[] = RESILIENCE_RULES): string {
  const unreadable = reports.filter((r) => r.source.error !== undefined);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'resilient-lambda-rest-api', informationUri: INFORMATION_URI, rules: rules.map(ruleDescriptor) } },
      invocations: [{
        executionSuccessful: unreadable.length === 0,
        toolExecutionNotifications: unreadable.map((r) => ({
          level: 'error',
          message: { text: `${r.source.file}: ${r.source.error}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(r.source.file) } } }],
        })),
      }],
      results: reports.flatMap((report) => report.findings.map((f) => result(report, f, rules))),
    }],
  };
  return JSON.stringify(log, undefined, 2);
}
