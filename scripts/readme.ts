// Regenerates the README's generated blocks (between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`)
// from the code, so the tables cannot drift from what the construct synthesizes. `test/readme.test.ts` fails
// when the README is stale; `npx projen readme` rewrites it.
import * as fs from 'fs';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { AuditFinding, auditTemplate } from '../src/audit/audit';
import { ERROR_RESPONSE_DEFAULTS } from '../src/contract/error-responses';
import { renderFailureModeTable } from '../src/contract/failure-modes';
import { renderAlarmTable, renderCostTable } from '../src/monitoring';
import { ruleName } from '../src/nag/rule';
import { RESILIENCE_RULES } from '../src/nag/rules';
import { buildDefaultStack } from '../test/full-config';
import { labAssertionSummary, renderLabTable } from '../test/integ/failure-lab';
import { newHandler } from '../test/util';

export const README_PATH = path.join(__dirname, '..', 'README.md');

/** The template of the README's default stack: a function behind the construct with no options. */
export function defaultStackTemplate(): any {
  const app = new cdk.App();
  buildDefaultStack(new cdk.Stack(app, 'Readme'));
  return app.synth().getStackByName('Readme').template;
}

function errorContractTable(): string {
  const rows = ERROR_RESPONSE_DEFAULTS.map((d) =>
    `| \`${d.responseType}\` | ${d.statusCode ?? 'unchanged (no status set)'} | ${d.retryable} | ${d.rationale} |`);
  return ['| Gateway response type | Status | `retryable` | Why |', '|---|---|---|---|', ...rows].join('\n');
}

function resourceTable(template: any): string {
  const counts = new Map<string, number>();
  for (const resource of Object.values<any>(template.Resources)) {
    counts.set(resource.Type, (counts.get(resource.Type) ?? 0) + 1);
  }
  const rows = [...counts.entries()].map(([type, count]) => `| \`${type}\` | ${count} |`);
  return ['| Resource type | Count |', '|---|---|', ...rows, `| **total** | **${[...counts.values()].reduce((a, b) => a + b, 0)}** |`].join('\n');
}

/** Text for a Markdown table cell: a `|` would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The pack's rules, from their own metadata. */
function resilienceRulesTable(): string {
  const rows = RESILIENCE_RULES.map((r) => `| \`${ruleName(r)}\` | ${r.level} | ${cell(r.trap)} | ${cell(r.fix)} |`);
  return ['| Rule | Level | Trap | Fix |', '|---|---|---|---|', ...rows].join('\n');
}

/** The audit's findings on the template of a plain `LambdaRestApi` built by `build`. */
function plainApiFindings(build: (stack: cdk.Stack) => void): AuditFinding[] {
  const app = new cdk.App();
  build(new cdk.Stack(app, 'Plain'));
  return auditTemplate(app.synth().getStackByName('Plain').template, 'Plain');
}

function findingsTable(findings: AuditFinding[]): string {
  const rows = findings.map((f) => `| ${f.level} | \`${f.rule}\` | \`${f.logicalId}\` | ${cell(f.detail)} |`);
  return ['| Level | Rule | Resource | Finding |', '|---|---|---|---|', ...rows].join('\n');
}

/** What the pack finds on aws-cdk-lib's `LambdaRestApi`: at its defaults, and with CORS and 30 methods. */
function plainLambdaRestApiFindings(): string {
  const defaults = plainApiFindings((stack) => new apigateway.LambdaRestApi(stack, 'Api', { handler: newHandler(stack) }));
  const grown = plainApiFindings((stack) => {
    const api = new apigateway.LambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false, defaultCorsPreflightOptions: { allowOrigins: ['https://app.example'] } });
    for (let i = 0; i < 30; i++) {
      api.root.addResource(`r${i}`).addMethod('GET');
    }
  });
  return [
    '`new LambdaRestApi(this, \'Api\', { handler })`:',
    '',
    findingsTable(defaults),
    '',
    'The same with `proxy: false`, `defaultCorsPreflightOptions` and 30 `GET` methods on the one function:',
    '',
    findingsTable(grown),
  ].join('\n');
}

/** Every generated block, by name. */
export function generatedBlocks(): Record<string, string> {
  const template = defaultStackTemplate();
  return {
    'failure-modes': renderFailureModeTable(template, undefined, labAssertionSummary()),
    'failure-lab': renderLabTable(),
    'error-contract': errorContractTable(),
    'default-resources': resourceTable(template),
    'monitoring-alarms': renderAlarmTable(),
    'monitoring-cost': renderCostTable(),
    'resilience-rules': resilienceRulesTable(),
    'plain-lambda-rest-api-findings': plainLambdaRestApiFindings(),
  };
}

/** The README with every generated block replaced; throws when a block's markers are missing. */
export function applyBlocks(readme: string, blocks: Record<string, string>): string {
  let out = readme;
  for (const [name, content] of Object.entries(blocks)) {
    const re = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) {
      throw new Error(`README.md has no <!-- generated:${name} --> ... <!-- /generated:${name} --> block`);
    }
    out = out.replace(re, (_, start: string, end: string) => `${start}${content}\n${end}`);
  }
  return out;
}

if (require.main === module) {
  const current = fs.readFileSync(README_PATH, 'utf8');
  const updated = applyBlocks(current, generatedBlocks());
  fs.writeFileSync(README_PATH, updated);
  console.log(updated === current ? 'README.md is up to date' : 'README.md regenerated');
}
