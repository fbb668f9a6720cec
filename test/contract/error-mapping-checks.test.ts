import { checkErrorMappings } from '../../src/contract/error-mapping-checks';
import { LambdaErrorMapping } from '../../src/contract/error-mappings';

describe('checkErrorMappings', () => {
  const notFound = LambdaErrorMapping.prefix('NotFound', '404');
  test.each([
    ['valid mappings', [notFound, LambdaErrorMapping.jsonField('errorType', 'Conflict', '409'), LambdaErrorMapping.functionTimeout()], [], [], '502'],
    ['no mappings', [], [], [], '502'],
    ['a status below 100', [LambdaErrorMapping.pattern('a.*', '99')], ["errorMappings[0].statusCode must be an HTTP status code from 100 to 599 (a string of three digits); got '99'"], [], '502'],
    ['a status above 599', [notFound, LambdaErrorMapping.pattern('a.*', '600')], [/^errorMappings\[1\]\.statusCode must be an HTTP status code from 100 to 599/], [], '502'],
    ['a status that is not a number', [LambdaErrorMapping.pattern('a.*', '4o4')], [/^errorMappings\[0\]\.statusCode .* got '4o4'/], [], '502'],
    ['the success status', [LambdaErrorMapping.pattern('a.*', '200')], [/^errorMappings\[0\]\.statusCode 200 is taken by successful results/], [], '502'],
    ['the unmatched status', [LambdaErrorMapping.pattern('a.*', '502')], [/^errorMappings\[0\]\.statusCode 502 is taken by unmatched function errors/], [], '502'],
    ['two mappings with one status', [notFound, LambdaErrorMapping.jsonField('errorType', 'NotFound', '404')],
      [/^errorMappings\[1\]\.statusCode 404 is also the status of errorMappings\[0\]; API Gateway keeps one integration response per status code/], [], '502'],
    ['a duplicate pattern', [notFound, LambdaErrorMapping.pattern('\\[NotFound\\][\\s\\S]*', '410')],
      [/^errorMappings\[1\]\.selectionPattern '\\\[NotFound\\\]\[\\s\\S\]\*' is also the pattern of errorMappings\[0\]/], [], '502'],
    ['an invalid regular expression', [LambdaErrorMapping.pattern('[unclosed', '400')],
      [/^errorMappings\[0\]\.selectionPattern '\[unclosed' is not a valid regular expression .*Java regular expressions and this check uses JavaScript's/], [], '502'],
    ['a Java-only inline flag', [LambdaErrorMapping.pattern('(?s)NotFound.*', '404')], [/is not a valid regular expression/], [], '502'],
    ['an empty pattern', [LambdaErrorMapping.pattern('', '400')], [/^errorMappings\[0\]\.selectionPattern is empty/], [], '502'],
    ['an unmatched status out of range', [], ["unmatchedStatus must be an HTTP status code from 100 to 599 (a string of three digits); got '700'"], [], '700'],
    ['a catch-all alone', [LambdaErrorMapping.pattern('.+', '500')], [], [], '502'],
    ['a catch-all with others', [notFound, LambdaErrorMapping.pattern('.+', '500')], [], ['catchAllErrorMapping'], '502'],
    ['a catch-all with line breaks, with others', [notFound, LambdaErrorMapping.pattern('[\\s\\S]+', '500')], [], ['catchAllErrorMapping'], '502'],
    ['a pattern matching an empty message', [LambdaErrorMapping.pattern('(Oops.*)?', '500')], [], ['errorMappingMatchesEmptyMessage'], '502'],
    ['.* with others', [notFound, LambdaErrorMapping.pattern('.*', '500')], [], ['errorMappingMatchesEmptyMessage', 'catchAllErrorMapping'], '502'],
  ])('%s', (_name, mappings, errors, warningIds, unmatchedStatus) => {
    const result = checkErrorMappings(mappings as LambdaErrorMapping[], unmatchedStatus as string);
    expect(result.errors).toHaveLength(errors.length);
    (errors as (string | RegExp)[]).forEach((expected, i) => {
      if (typeof expected === 'string') {
        expect(result.errors[i]).toBe(expected);
      } else {
        expect(result.errors[i]).toMatch(expected);
      }
    });
    expect(result.warnings.map((w) => w.id)).toEqual(warningIds);
  });

  test('the catch-all warning names the mapping and says why', () => {
    const { warnings } = checkErrorMappings([notFound, LambdaErrorMapping.pattern('.+', '500')]);
    expect(warnings[0].message).toMatch(/^errorMappings\[1\]\.selectionPattern '\.\+' matches any error message, and API Gateway does not define the order/);
  });
});
