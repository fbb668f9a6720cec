import { checkJsonTemplate } from '../../checks';
import { gatewayResponsesDefinedBy } from '../rest-api';
import { ResilienceRule } from '../rule';

// `$context.requestId` inside quotes is no finding: the shared check counts it among the values that hold no quote (json-templates.ts).
/** A JSON gateway response template that API Gateway's substituted values turn into invalid JSON. */
export const TemplateNotJson: ResilienceRule = {
  id: 'TemplateNotJson',
  level: 'Error',
  trap: 'A JSON gateway response template is not valid JSON once $context values hold quotes, backslashes or newlines (for example "$context.error.message" inside quotes): clients fail to parse the error body.',
  fix: 'Use $context.error.messageString without quotes around it (it is already a quoted JSON string); inside quotes put only values that hold no quote (ids such as $context.requestId or $context.extendedRequestId, enum names such as $context.error.responseType).',
  check: (logicalId, resource) => gatewayResponsesDefinedBy(logicalId, resource).flatMap((r) => Object.entries(r.templates)
    .filter(([contentType, template]) => contentType.toLowerCase().includes('json') && typeof template === 'string')
    .filter(([contentType, template]) => checkJsonTemplate(contentType, template) !== undefined)
    .map(([contentType]) => `${r.responseType} template for ${contentType} breaks JSON`)),
};
