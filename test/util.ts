import * as cdk from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** A stack in an app that turns aws-cdk-lib's own template validation into errors. */
export function newStack(context: Record<string, unknown> = {}): cdk.Stack {
  const app = new cdk.App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true, ...context } });
  return new cdk.Stack(app, 'TestStack', { env: { account: '123456789012', region: 'eu-west-1' } });
}

/** A function with inline code, as a user's handler. */
export function newHandler(scope: cdk.Stack, id = 'Handler', props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
    ...props,
  });
}

/** The ids of the warnings on a stack, for example `resilient-lambda-rest-api:dataTraceEnabled`. */
export function warningIds(stack: cdk.Stack): string[] {
  return Annotations.fromStack(stack)
    .findWarning('*', Match.anyValue())
    .map((w) => String(w.entry.data).match(/\[ack: ([^\]]+)\]/)?.[1] ?? String(w.entry.data));
}

/** The resources of one type, logical id to properties. */
export function resourcesOf(template: import('aws-cdk-lib/assertions').Template, type: string): Record<string, any> {
  return Object.fromEntries(Object.entries(template.findResources(type)).map(([id, r]) => [id, r.Properties]));
}
