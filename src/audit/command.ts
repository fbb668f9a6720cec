import * as fs from 'fs';
import * as path from 'path';
import { auditExitCode, AuditFinding, auditTemplate, renderAuditTable } from './audit';

/** Where the command writes. */
export interface CommandOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const USAGE = 'Usage: resilient-lambda-rest-api audit <template.json> [more templates...]\n'
  + 'Runs the ResilienceChecks rules over synthesized CloudFormation templates (for example cdk.out/*.template.json).\n'
  + 'Exit code: 1 when any finding is an error (or a template cannot be read), 0 otherwise.';

/** The stack name a `cdk.out` template file carries (`MyStack.template.json`). */
function stackNameOf(file: string): string {
  return path.basename(file).replace(/\.template\.json$/, '').replace(/\.json$/, '');
}

/**
 * `resilient-lambda-rest-api audit <template.json>...`: audits each template, prints the findings
 * as a table and returns the exit code (1 on any error finding or unreadable template, 2 on bad usage).
 */
export function runCommand(args: string[], output: CommandOutput): number {
  const [command, ...files] = args;
  if (command === '--help' || command === '-h') {
    output.out(USAGE);
    return 0;
  }
  if (command !== 'audit' || files.length === 0) {
    output.err(USAGE);
    return 2;
  }
  let exitCode = 0;
  for (const file of files) {
    let template: any;
    try {
      template = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      output.err(`${file}: cannot read a JSON template (${(e as Error).message})`);
      exitCode = 1;
      continue;
    }
    const findings: AuditFinding[] = auditTemplate(template, stackNameOf(file));
    const errors = findings.filter((f) => f.level === 'Error').length;
    output.out(`${file}: ${errors} error(s), ${findings.length - errors} warning(s)\n${renderAuditTable(findings)}\n`);
    exitCode = Math.max(exitCode, auditExitCode(findings));
  }
  return exitCode;
}
