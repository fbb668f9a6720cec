import { flatten, literal, placeholderId, referencedId, TemplateIndex } from '../../src/nag/template';

describe('flatten', () => {
  test.each<[unknown, string]>([
    ['text', 'text'],
    [29000, '29000'],
    [{ Ref: 'Api' }, '${Api}'],
    [{ 'Fn::GetAtt': ['Fn', 'Arn'] }, '${Fn.Arn}'],
    [{ 'Fn::GetAtt': 'Fn.Arn' }, '${Fn.Arn}'],
    [{ 'Fn::Join': ['/', ['a', { Ref: 'B' }]] }, 'a/${B}'],
    [{ 'Fn::Sub': 'x-${Fn.Arn}' }, 'x-${Fn.Arn}'],
    [{ 'Fn::Sub': ['x-${Name}-${Other}', { Name: { Ref: 'N' } }] }, 'x-${N}-${Other}'],
    [{ 'Fn::ImportValue': 'Out' }, '${?}'],
  ])('%j is %s', (value, expected) => {
    expect(flatten(value)).toBe(expected);
  });
});

test('placeholderId names resources, not pseudo parameters nor unknowns', () => {
  expect(placeholderId('${Fn.Arn}')).toBe('Fn');
  expect(placeholderId('${AWS::Region}')).toBeUndefined();
  expect(placeholderId('${?}')).toBeUndefined();
  expect(placeholderId('arn:aws:lambda:x')).toBeUndefined();
});

test('referencedId and literal read Refs, GetAtts and literals', () => {
  expect(referencedId({ Ref: 'A' })).toBe('A');
  expect(referencedId({ 'Fn::GetAtt': ['B', 'Arn'] })).toBe('B');
  expect(referencedId({ 'Fn::GetAtt': 'C.Arn' })).toBe('C');
  expect(referencedId('literal')).toBeUndefined();
  expect(literal(5)).toBe('5');
  expect(literal({ Ref: 'A' })).toBeUndefined();
});

test('TemplateIndex groups resources by type and computes each cached value once', () => {
  const index = new TemplateIndex({ Resources: { A: { Type: 'T' }, B: { Type: 'T' }, C: { Type: 'U' } } });
  expect(index.ofType('T').map(([id]) => id)).toEqual(['A', 'B']);
  expect(index.ofType('V')).toEqual([]);
  let calls = 0;
  index.cached('k', () => ++calls);
  expect(index.cached('k', () => ++calls)).toBe(1);
});
