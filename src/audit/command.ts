import { auditExitCode, auditTemplate, renderAuditTable } from './audit';
import { renderJsonReport, TemplateReport } from './report';
import { renderSarifReport } from './sarif';
import { templateSources } from './template-sources';

/** Where the command writes. */
export interface CommandOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const FORMATS = ['table', 'json', 'sarif'];

const USAGE = 'Usage: resilient-lambda-rest-api audit [--format table|json|sarif] <template or cdk.out folder> [more...]\n'
  + 'Runs the ResilienceChecks rules over CloudFormation templates: JSON or YAML files (short-form tags such as !Ref\n'
  + 'and !Sub included), or a cloud assembly folder (cdk.out: every stack of every stage, nested stacks included).\n'
  + '--format table (default) prints a table per template; json one array of findings; sarif a SARIF 2.1.0 log.\n'
  + 'Exit code: 1 when any finding is an error (or a template cannot be read), 2 on bad usage, 0 otherwise.';

interface AuditArgs {
  readonly format: string;
  readonly targets: string[];
}

/** The audit's options and targets, or the usage error. */
function parseArgs(args: string[]): AuditArgs | string {
  let format = 'table';
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      format = arg === '--format' ? args[++i] ?? '' : arg.slice('--format='.length);
      if (!FORMATS.includes(format)) {
        return `--format must be one of ${FORMATS.join(', ')}; got '${format}'`;
      }
    } else if (arg.startsWith('--')) {
      return `unknown option '${arg}'`;
    } else {
      targets.push(arg);
    }
  }
  return targets.length === 0 ? 'give at least one template or cdk.out folder' : { format, targets };
}

function renderTables(reports: TemplateReport[]): string {
  return reports.filter((r) => r.source.error === undefined).map(({ source, findings }) => {
    const errors = findings.filter((f) => f.level === 'Error').length;
    return `${source.file}: ${errors} error(s), ${findings.length - errors} warning(s)\n${renderAuditTable(findings)}\n`;
  }).join('\n');
}

/**
 * `resilient-lambda-rest-api audit [--format F] <target>...`: audits each template (and each stack
 * of a cloud assembly), prints the findings in the format asked and returns the exit code (1 on any
 * error finding or unreadable template, 2 on bad usage).
 */
export function runCommand(args: string[], output: CommandOutput): number {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h' || (command === 'audit' && (rest.includes('--help') || rest.includes('-h')))) {
    output.out(USAGE);
    return 0;
  }
  const parsed = command === 'audit' ? parseArgs(rest) : 'the only command is audit';
  if (typeof parsed === 'string') {
    output.err(`${parsed}\n${USAGE}`);
    return 2;
  }
  const reports: TemplateReport[] = parsed.targets.flatMap(templateSources).map((source) => ({
    source,
    findings: source.template === undefined ? [] : auditTemplate(source.template, source.stackName),
  }));
  for (const { source } of reports.filter((r) => r.source.error !== undefined)) {
    output.err(`${source.file}: ${source.error}`);
  }
  const render = { table: renderTables, json: renderJsonReport, sarif: renderSarifReport }[parsed.format as 'table' | 'json' | 'sarif'];
  output.out(render(reports));
  const unreadable = reports.some((r) => r.source.error !== undefined);
  return Math.max(unreadable ? 1 : 0, auditExitCode(reports.flatMap((r) => r.findings)));
}
