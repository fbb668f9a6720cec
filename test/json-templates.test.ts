import { checkJsonTemplate, jsonTemplateAdvice, substituteHostile } from '../src/json-templates';

describe('jsonTemplateAdvice names the variable that breaks the JSON and the fix for it', () => {
  test.each([
    ['{"m":"$context.error.message"}', /^\$context\.error\.message is inside quotes: write \$context\.error\.messageString without quotes instead/],
    ['{"message":$context.error.messageString,"errors":"$context.error.validationErrorString"}',
      /^\$context\.error\.validationErrorString is inside quotes: API Gateway has no quoted form of it .* leave it out of the JSON body/],
    ['{"m":"$context.error.messageString"}', /^\$context\.error\.messageString: it is already a quoted JSON string: write it without the quotes/],
    ['{"v":"$stageVariables.greeting"}', /^\$stageVariables\.greeting is inside quotes: its value can hold quotes or backslashes and has no quoted form/],
    ['{"m":', /^it is not JSON even with plain values/],
  ])('%s', (template, advice) => {
    expect(jsonTemplateAdvice(template)).toMatch(advice);
  });

  test('names each breaking variable, not the safe ones', () => {
    expect(jsonTemplateAdvice('{"a":"$context.error.message","b":"$context.extendedRequestId","c":"$context.requestId"}').split('; ').map((s) => s.split(' ')[0]))
      .toEqual(['$context.error.message']);
  });

  // AWS documents that a client-sent x-amzn-RequestId is taken only when it is a UUID (issue 22: no false Error for it).
  test('a quoted $context.requestId stays JSON: it can only be a UUID', () => {
    expect(checkJsonTemplate('t', '{"requestId":"$context.requestId"}')).toBeUndefined();
    expect(substituteHostile('"$context.requestId"')).toBe('"a1b2-c3d4"');
  });

  test('checkJsonTemplate passes templates that stay JSON and puts the advice in its message', () => {
    expect(checkJsonTemplate('t', '{"message":$context.error.messageString,"id":"$context.extendedRequestId"}')).toBeUndefined();
    expect(checkJsonTemplate("responseTemplates['application/json']", '{"e":"$context.error.validationErrorString"}'))
      .toMatch(/^responseTemplates\['application\/json'\] is not valid JSON once .* \(\$context\.error\.validationErrorString is inside quotes: /);
  });

  test('substituteHostile quotes messageString and leaves generated ids plain', () => {
    expect(JSON.parse(substituteHostile('{"m":$context.error.messageString,"id":"$context.extendedRequestId"}', 'a"b'))).toEqual({ m: 'a"b', id: 'a1b2-c3d4' });
  });
});
