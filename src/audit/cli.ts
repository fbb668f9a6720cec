#!/usr/bin/env node
// The package's `resilient-lambda-rest-api` command: `npx resilient-lambda-rest-api audit cdk.out/MyStack.template.json`.
import { runCommand } from './command';

process.exitCode = runCommand(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
