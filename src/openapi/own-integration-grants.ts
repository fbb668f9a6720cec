import { Intrinsic, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { listForMessage } from './operation-keys';
import { arnEnvironment, FunctionTarget, functionTarget, OwnIntegration } from './own-integrations';
import { CheckWarning } from '../checks';

/** The message for own Lambda integrations whose function cannot be granted at synth. */
export function ownIntegrationPermissionWarning(locations: string[]): CheckWarning {
  return {
    id: 'ownIntegrationPermission',
    message: `${listForMessage(locations)} call a Lambda function this construct cannot name at synth (a stage variable without a value in ` +
      'deployOptions.variables, or a URI it does not recognise), so it added no invoke permission: calls fail with 500 (API_CONFIGURATION_ERROR) until ' +
      'you grant one. Bind the operations in integrations instead, or add an AWS::Lambda::Permission for apigateway.amazonaws.com with this API\'s execute-api ARN.',
  };
}

/** The message for own Lambda integrations calling a function in another region or account. */
export function ownIntegrationElsewhereWarning(arn: string, locations: string[], stackRegion: string, stackAccount: string): CheckWarning {
  return {
    id: 'ownIntegrationOtherEnvironment',
    message: `${listForMessage(locations)} call function ${arn}, outside this stack's region and account (${stackRegion}, ${stackAccount}): a permission ` +
      'for it cannot be created here, so this construct added none. Grant apigateway.amazonaws.com invoke on it in its own account and region, with this ' +
      'API\'s execute-api ARN as SourceArn, or calls fail with 500.',
  };
}

/** What to do about a policy near the limit, for an API defined in OpenAPI (it adds one permission per function itself). */
export const OWN_PERMISSIONS_ADVICE = 'This API adds one permission per function (and one for the test-invoke stage) however many operations name it; ' +
  'the others come from elsewhere (other APIs, method-scoped permissions): scope those to the API (`{api-id}/*/*/*`) instead of one per method.';

/** What granting the own integrations found. */
export interface OwnGrantResult {
  /** The functions granted, once each: the functions of the stack's environment that the document names. */
  readonly functions: lambda.IFunction[];
  /** Warnings: functions elsewhere, functions that cannot be named. */
  readonly warnings: CheckWarning[];
  /** The Lambda functions monitoring cannot watch, described for a message. */
  readonly unwatched: string[];
}

/** The ARN (or CloudFormation expression) of a target, once stage variables the stage defines are filled in. */
function targetArn(target: FunctionTarget, stageVariables: { [name: string]: string }): string | object | undefined {
  if (target.kind === 'arn') {
    return target.arn;
  }
  if (target.kind === 'stageVariable') {
    const value = stageVariables[target.variable];
    return value === undefined ? undefined : target.arn.replace(`\${stageVariables.${target.variable}}`, value);
  }
  return target.kind === 'expression' ? target.functionArn as object : undefined;
}

function isElsewhere(arn: string | object, stack: Stack): boolean {
  if (typeof arn !== 'string' || Token.isUnresolved(stack.region) || Token.isUnresolved(stack.account)) {
    return false;
  }
  const env = arnEnvironment(arn);
  return (env.region !== undefined && env.region !== stack.region) || (env.account !== undefined && env.account !== stack.account);
}

/**
 * Grants the functions the document's own Lambda integrations name: one grant per function,
 * however many operations name it (literal ARNs, `Fn::Sub`/`Fn::Join` expressions, ARNs with a
 * stage variable the stage defines). Functions in another region or account, and functions that
 * cannot be named, are warnings.
 */
export function grantOwnIntegrations(
  api: apigateway.RestApiBase, owns: OwnIntegration[], stageVariables: { [name: string]: string }, grant: (fn: lambda.IFunction) => void,
): OwnGrantResult {
  const stack = Stack.of(api);
  const byArn = new Map<string, { arn: string | object; locations: string[] }>();
  const unnamed: string[] = [];
  for (const own of owns.filter((o) => o.lambda)) {
    const arn = targetArn(functionTarget(own.uri), stageVariables);
    if (arn === undefined) {
      unnamed.push(own.location);
      continue;
    }
    const key = JSON.stringify(arn);
    byArn.set(key, { arn, locations: [...(byArn.get(key)?.locations ?? []), own.location] });
  }
  const warnings: CheckWarning[] = unnamed.length > 0 ? [ownIntegrationPermissionWarning(unnamed)] : [];
  const unwatched = unnamed.length > 0 ? [`the functions of ${listForMessage(unnamed)}`] : [];
  const functions: lambda.IFunction[] = [];
  [...byArn.values()].forEach(({ arn, locations }, i) => {
    if (isElsewhere(arn, stack)) {
      warnings.push(ownIntegrationElsewhereWarning(arn as string, locations, stack.region, stack.account));
      unwatched.push(`function ${arn} (another region or account)`);
      return;
    }
    const functionArn = typeof arn === 'string' ? arn : Token.asString(new Intrinsic(arn));
    const fn = lambda.Function.fromFunctionAttributes(api, `OwnIntegrationFunction${i}`, { functionArn, sameEnvironment: true });
    grant(fn);
    functions.push(fn);
  });
  return { functions, warnings, unwatched };
}

/** The message for Lambda functions behind the API that monitoring does not watch. */
export function unwatchedFunctionsWarning(unwatched: string[]): CheckWarning {
  return {
    id: 'functionsNotMonitored',
    message: `Monitoring has no Lambda alarms for ${listForMessage(unwatched)}: this stack cannot name them. The API's own alarms (5XX rate, ` +
      'latency, timeouts) still cover the requests they serve; watch their errors and throttles where they are defined.',
  };
}
