// Prints the path of every CloudFormation template in a cloud assembly, so the main job says where its output is.
import * as fs from 'fs';
import * as path from 'path';

const outdir = process.argv[2] ?? 'cdk.out';
const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
const templates = Object.values<any>(manifest.artifacts ?? {})
  .filter((artifact) => artifact.type === 'aws:cloudformation:stack')
  .map((artifact) => path.join(outdir, artifact.properties.templateFile));
if (templates.length === 0) {
  console.error(`no CloudFormation template in ${outdir}`);
  process.exit(1);
}
for (const template of templates) {
  console.log(`Synthesized template: ${template}`);
}
