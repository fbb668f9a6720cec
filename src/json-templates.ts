import { substituteVariables } from './contract/error-responses';

/**
 * `$context` variables whose values never hold a quote or backslash (generated ids, enums, numbers).
 * `context.requestId` among them: a client may set it through `x-amzn-RequestId`, but AWS documents that only a UUID
 * is taken (any other value is replaced), so no quote or backslash reaches a template through it.
 */
const SAFE_VARIABLES = new Set([
  'context.requestId', 'context.extendedRequestId', 'context.error.responseType', 'context.stage', 'context.apiId',
  'context.httpMethod', 'context.resourcePath', 'context.resourceId', 'context.accountId', 'context.requestTime',
  'context.requestTimeEpoch', 'context.domainName', 'context.domainPrefix', 'context.identity.sourceIp',
]);

/** Text that breaks JSON when put between quotes unescaped. */
export const HOSTILE_TEXT = 'quote " backslash \\ newline \n tab \t unicode \u00e9\u4e2d\u{1F600} nul \u0000 end';

const MESSAGE_STRING = 'context.error.messageString';
const PLAIN_ID = 'a1b2-c3d4';

/**
 * Substitutes the variables of a gateway response template the way API Gateway does, with
 * hostile values: `$context.error.messageString` arrives already quoted, ids and enum names as
 * they are, and any other variable as raw hostile text.
 */
export function substituteHostile(template: string, hostile: string = HOSTILE_TEXT): string {
  const values = { [MESSAGE_STRING]: JSON.stringify(hostile), 'context.error.responseType': 'INTEGRATION_FAILURE' };
  return substituteVariables(template, values, (name) => (SAFE_VARIABLES.has(name) ? PLAIN_ID : hostile));
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** What to write instead of a variable that breaks the JSON, by variable. */
const ADVICE: { [variable: string]: string } = {
  'context.error.message': 'write $context.error.messageString without quotes instead: it is the same message as a quoted JSON string',
  'context.error.validationErrorString': 'API Gateway has no quoted form of it and its value can hold quotes (it quotes the values that failed the model); ' +
    'leave it out of the JSON body (a text/plain template, or the access log, can carry it), or write $context.error.messageString without quotes for the message',
  [MESSAGE_STRING]: 'it is already a quoted JSON string: write it without the quotes around it',
};

/**
 * Why a JSON template breaks, naming each variable that breaks it alone and the fix for it (or
 * saying the template is no JSON even with plain values).
 */
export function jsonTemplateAdvice(template: string): string {
  const variables = [...new Set([...template.matchAll(/\$((?:context|stageVariables|util|input)(?:\.[A-Za-z0-9_]+)+)/g)].map((m) => m[1]))];
  const render = (hostile?: string) => substituteVariables(template, { [MESSAGE_STRING]: '"x"' },
    (name) => (name === hostile ? HOSTILE_TEXT : PLAIN_ID));
  if (!parses(render())) {
    const quotedMessage = parses(substituteVariables(template, { [MESSAGE_STRING]: PLAIN_ID }, () => PLAIN_ID));
    return quotedMessage ? `$${MESSAGE_STRING}: ${ADVICE[MESSAGE_STRING]}` : 'it is not JSON even with plain values: check its quotes, commas and braces';
  }
  const breaking = variables.filter((v) => !SAFE_VARIABLES.has(v) && v !== MESSAGE_STRING && !parses(render(v)));
  return breaking.map((v) => `$${v} is inside quotes: ${ADVICE[v] ?? 'its value can hold quotes or backslashes and has no quoted form; leave it out of the JSON body'}`).join('; ');
}

/** The error message for a JSON template that hostile values turn into invalid JSON, or undefined. */
export function checkJsonTemplate(property: string, template: string): string | undefined {
  if (parses(substituteHostile(template))) {
    return undefined;
  }
  return `${property} is not valid JSON once API Gateway substitutes a value holding quotes or backslashes (${jsonTemplateAdvice(template)})`;
}

/** The messages for the JSON templates (by content type) that hostile values turn into invalid JSON. */
export function checkJsonTemplates(property: string, templates: { [contentType: string]: string } | undefined): string[] {
  return Object.entries(templates ?? {})
    .filter(([contentType]) => contentType.toLowerCase().includes('json'))
    .map(([contentType, template]) => checkJsonTemplate(`${property}['${contentType}']`, template))
    .filter((message): message is string => message !== undefined);
}
