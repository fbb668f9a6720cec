import { checkJsonTemplate } from '../../checks';
import { gatewayResponsesDefinedBy } from '../rest-api';
import { ResilienceRule } from '../rule';

/**
 * `$context.requestId`: a client may set it through `x-amzn-RequestId`, but AWS documents that only a
 * UUID is taken (any other value is replaced), so no quote or backslash can reach the template through it.
 */
const REQUEST_ID = /\$context\.requestId(?![A-Za-z0-9_])/g;
const A_UUID = '6f1c2a9e-4b7d-4e1a-9c3f-0a8b7d6e5f4c';

/** A JSON gateway response template that API Gateway's substituted values turn into invalid JSON. */
export const TemplateNotJson: ResilienceRule = {
  id: 'TemplateNotJson',
  level: 'Error',
  trap: 'A JSON gateway response template is not valid JSON once $context values hold quotes, backslashes or newlines (for example "$context.error.message" inside quotes): clients fail to parse the error body.',
  fix: 'Use $context.error.messageString without quotes around it (it is already a quoted JSON string); inside quotes put only values that hold no quote (ids such as $context.requestId or $context.extendedRequestId, enum names such as $context.error.responseType).',
  check: (logicalId, resource) => gatewayResponsesDefinedBy(logicalId, resource).flatMap((r) => Object.entries(r.templates)
    .filter(([contentType, template]) => contentType.toLowerCase().includes('json') && typeof template === 'string')
    .filter(([contentType, template]) => checkJsonTemplate(contentType, template.replace(REQUEST_ID, A_UUID)) !== undefined)
    .map(([contentType]) => `${r.responseType} template for ${contentType} breaks JSON`)),
};
