import * as path from 'path';
import { auditTemplate } from '../../src/audit/audit';
import { templateSources } from '../../src/audit/template-sources';

/** The corpus of templates written here, each with the findings it must give beside it (`<fixture>.findings`). */
export const CORPUS = path.join(__dirname, 'corpus');

/** What the audit finds in a fixture and the nested stacks it reaches, one line per finding. */
export function corpusFindings(fixture: string): string[] {
  return templateSources(path.join(CORPUS, fixture)).flatMap((source) => {
    const file = path.relative(CORPUS, source.file);
    if (source.template === undefined) {
      return [`${file}: ${source.error}`];
    }
    return auditTemplate(source.template, source.stackName).map((f) => `${file} ${f.level} ${f.rule} ${f.logicalId}: ${f.detail}`);
  });
}
