import { ApiOperation, INTEGRATION_EXTENSION, operationLocation } from './api-document';

/** An operation's own integration, as the checks see it. */
export interface OwnIntegration {
  /** Where it is in the document, for the messages. */
  readonly location: string;
  /** Its timeout in milliseconds, API Gateway's default where it sets none. */
  readonly timeoutMs: number;
  /** Whether it calls a Lambda function (its URI is a Lambda invocation URI). */
  readonly lambda: boolean;
  /** What it calls, for the messages: `lambda`, `sqs`, `http`, `mock`, or the service its URI names. */
  readonly service: string;
  /** Its URI as the document gives it: a string or a CloudFormation expression. */
  readonly uri?: unknown;
}

/** How an own Lambda integration names its function. */
export type FunctionTarget =
  /** A literal function ARN. */
  | { readonly kind: 'arn'; readonly arn: string }
  /** A CloudFormation expression (`Fn::Sub`, `Fn::GetAtt`, `Fn::Join`) the template resolves to the ARN. */
  | { readonly kind: 'expression'; readonly functionArn: unknown }
  /** An ARN with a stage variable in it, `${stageVariables.NAME}`, filled in by API Gateway per stage. */
  | { readonly kind: 'stageVariable'; readonly variable: string; readonly arn: string }
  /** Anything else: the construct cannot tell which function it is. */
  | { readonly kind: 'unknown' };

const FUNCTIONS_PREFIX = ':lambda:path/2015-03-31/functions/';
const INVOCATIONS_SUFFIX = '/invocations';
const LAMBDA_URI = /:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;
const STAGE_VARIABLE = /\$\{!?stageVariables\.([A-Za-z0-9_]+)\}/;
const SERVICE_URI = /^arn:(?:\$\{[^}]*\}|[^:])*:apigateway:(?:\$\{[^}]*\}|[^:])*:([a-z0-9-]+):/;

/** The text of a URI where it is a string or an `Fn::Sub`, for recognising its service. */
function uriText(uri: unknown): string {
  if (typeof uri === 'string') {
    return uri;
  }
  const sub = (uri as any)?.['Fn::Sub'];
  return typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : JSON.stringify(uri ?? '');
}

/** An operation's own integration as the checks see it, from its extension object. */
export function readOwnIntegration(op: ApiOperation, integration: any): OwnIntegration {
  const type = String(integration?.type ?? '').toLowerCase();
  const text = uriText(integration?.uri);
  const service = type === 'mock' ? 'mock' : type.startsWith('http') ? 'http' : SERVICE_URI.exec(text)?.[1] ?? (text.includes(FUNCTIONS_PREFIX) ? 'lambda' : 'unknown');
  return {
    location: `${operationLocation(op)}['${INTEGRATION_EXTENSION}']`,
    timeoutMs: typeof integration?.timeoutInMillis === 'number' ? integration.timeoutInMillis : 29_000,
    // Only the URI tells: AWS_PROXY and AWS integrations also call SQS, Step Functions and other services.
    lambda: (type === 'aws_proxy' || type === 'aws') && text.includes(FUNCTIONS_PREFIX),
    service,
    uri: integration?.uri,
  };
}

/** The target of a function ARN given as text: literal, or with a stage variable in it. */
function textTarget(arn: string): FunctionTarget {
  const variable = STAGE_VARIABLE.exec(arn)?.[1];
  if (variable !== undefined) {
    return { kind: 'stageVariable', variable, arn: arn.replace('${!', '${') };
  }
  // Outside an Fn::Sub nothing fills in ${...}: API Gateway would get the text as it is.
  return arn.includes('${') ? { kind: 'unknown' } : { kind: 'arn', arn };
}

function subTarget(sub: unknown): FunctionTarget {
  const [text, variables] = Array.isArray(sub) ? sub : [sub, undefined];
  const middle = typeof text === 'string' ? LAMBDA_URI.exec(text)?.[1] : undefined;
  if (middle === undefined) {
    return { kind: 'unknown' };
  }
  if (STAGE_VARIABLE.test(middle) || !middle.includes('${')) {
    return textTarget(middle);
  }
  return { kind: 'expression', functionArn: { 'Fn::Sub': variables === undefined ? middle : [middle, variables] } };
}

function joinTarget(join: unknown): FunctionTarget {
  const [separator, parts] = Array.isArray(join) ? join : [];
  if (separator !== '' || !Array.isArray(parts)) {
    return { kind: 'unknown' };
  }
  const start = parts.findIndex((p) => typeof p === 'string' && p.includes(FUNCTIONS_PREFIX));
  const end = parts.findIndex((p, i) => i >= start && typeof p === 'string' && p.endsWith(INVOCATIONS_SUFFIX));
  if (start < 0 || end < 0) {
    return { kind: 'unknown' };
  }
  // The ARN runs from after `functions/` to before `/invocations`, across the parts in between.
  const pieces = parts.slice(start, end + 1);
  pieces[0] = pieces[0].slice(pieces[0].indexOf(FUNCTIONS_PREFIX) + FUNCTIONS_PREFIX.length);
  pieces[pieces.length - 1] = pieces[pieces.length - 1].slice(0, -INVOCATIONS_SUFFIX.length);
  const middle = pieces;
  const kept = middle.filter((p) => p !== '');
  if (kept.every((p) => typeof p === 'string')) {
    return textTarget(kept.join(''));
  }
  return { kind: 'expression', functionArn: kept.length === 1 ? kept[0] : { 'Fn::Join': ['', kept] } };
}

/**
 * The function an own Lambda integration's URI names: a literal ARN, a CloudFormation expression
 * (`Fn::Sub` with `${Fn.Arn}`, `Fn::Join` around `Fn::GetAtt`), an ARN with a stage variable, or unknown.
 */
export function functionTarget(uri: unknown): FunctionTarget {
  if (typeof uri === 'string') {
    const middle = LAMBDA_URI.exec(uri)?.[1];
    return middle === undefined ? { kind: 'unknown' } : textTarget(middle);
  }
  if (typeof uri === 'object' && uri !== null && Object.keys(uri).length === 1) {
    const [fn, value] = Object.entries(uri)[0];
    if (fn === 'Fn::Sub') {
      return subTarget(value);
    }
    if (fn === 'Fn::Join') {
      return joinTarget(value);
    }
  }
  return { kind: 'unknown' };
}

/** The region and account of a literal Lambda function ARN (`arn:aws:lambda:REGION:ACCOUNT:function:NAME`). */
export function arnEnvironment(arn: string): { region?: string; account?: string } {
  const parts = arn.split(':');
  return parts[2] === 'lambda' ? { region: parts[3], account: parts[4] } : {};
}
