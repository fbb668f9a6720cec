// aws-cdk-lib's built-in template validation loads its rule set on the first synth of every test file
// (about 15 s here). Only the test files that check the validation itself turn it back on.
process.env.CDK_VALIDATION = 'false';

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';

// With TEMPLATE_DUMP_DIR set (.ci/run sets it), every template a test synthesizes is written there once, for cfn-lint.
if (process.env.TEMPLATE_DUMP_DIR) {
  const dir = process.env.TEMPLATE_DUMP_DIR;
  const fromStack = Template.fromStack.bind(Template);
  Template.fromStack = (...args: Parameters<typeof Template.fromStack>) => {
    const template = fromStack(...args);
    const text = JSON.stringify(template.toJSON(), null, 1);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${crypto.createHash('sha1').update(text).digest('hex')}.template.json`), text);
    return template;
  };
}
