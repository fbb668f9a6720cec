import { arnEnvironment, functionTarget, readOwnIntegration } from '../../src/openapi/own-integrations';

const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:f';
const uriOf = (arn: string) => `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${arn}/invocations`;
const SUB_PREFIX = 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/';

describe('readOwnIntegration', () => {
  const op = { path: '/a', method: 'get', operation: {} };
  test.each([
    [{ type: 'aws_proxy', uri: uriOf(FN) }, { lambda: true, service: 'lambda', timeoutMs: 29_000 }],
    [{ type: 'AWS', uri: uriOf('arn:aws:lambda:eu-west-1:1:function:${stageVariables.fn}'), timeoutInMillis: 900 }, { lambda: true, timeoutMs: 900 }],
    [{ type: 'aws_proxy', uri: { 'Fn::Sub': `${SUB_PREFIX}\${F.Arn}/invocations` } }, { lambda: true, service: 'lambda' }],
    [{ type: 'aws', uri: 'arn:aws:apigateway:eu-west-1:sqs:path/1/q' }, { lambda: false, service: 'sqs' }],
    [{ type: 'AWS', uri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/q' } }, { lambda: false, service: 'sqs' }],
    [{ type: 'aws', uri: 'arn:aws:apigateway:eu-west-1:states:action/StartExecution' }, { lambda: false, service: 'states' }],
    [{ type: 'http_proxy', uri: 'https://example.com' }, { lambda: false, service: 'http' }],
    [{ type: 'mock' }, { lambda: false, service: 'mock' }],
  ])('reads %j', (integration, expected) => {
    expect(readOwnIntegration(op, integration)).toMatchObject(expected);
  });
});

describe('functionTarget', () => {
  test.each<[string, unknown, unknown]>([
    ['a literal ARN', uriOf(FN), { kind: 'arn', arn: FN }],
    ['a literal ARN with an alias', uriOf(`${FN}:live`), { kind: 'arn', arn: `${FN}:live` }],
    ['a stage variable', uriOf('arn:aws:lambda:eu-west-1:123456789012:function:${stageVariables.fn}'),
      { kind: 'stageVariable', variable: 'fn', arn: 'arn:aws:lambda:eu-west-1:123456789012:function:${stageVariables.fn}' }],
    ['Fn::Sub with a GetAtt', { 'Fn::Sub': `${SUB_PREFIX}\${ItemsFunction.Arn}/invocations` }, { kind: 'expression', functionArn: { 'Fn::Sub': '${ItemsFunction.Arn}' } }],
    ['Fn::Sub with variables', { 'Fn::Sub': [`${SUB_PREFIX}\${Arn}/invocations`, { Arn: { Ref: 'P' } }] },
      { kind: 'expression', functionArn: { 'Fn::Sub': ['${Arn}', { Arn: { Ref: 'P' } }] } }],
    ['Fn::Sub with a literal ARN', { 'Fn::Sub': `${SUB_PREFIX}${FN}/invocations` }, { kind: 'arn', arn: FN }],
    ['Fn::Sub with an escaped stage variable', { 'Fn::Sub': `${SUB_PREFIX}arn:aws:lambda:eu-west-1:1:function:\${!stageVariables.fn}/invocations` },
      { kind: 'stageVariable', variable: 'fn', arn: 'arn:aws:lambda:eu-west-1:1:function:${stageVariables.fn}' }],
    ['Fn::Join around Fn::GetAtt', { 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': ['F', 'Arn'] }, '/invocations']] },
      { kind: 'expression', functionArn: { 'Fn::GetAtt': ['F', 'Arn'] } }],
    ['Fn::Join of literals', { 'Fn::Join': ['', [':lambda:path/2015-03-31/functions/', FN, '/invocations']] }, { kind: 'arn', arn: FN }],
    ['Fn::Join with a separator', { 'Fn::Join': [':', ['a', 'b']] }, { kind: 'unknown' }],
    ['a bare Fn::GetAtt', { 'Fn::GetAtt': ['F', 'Arn'] }, { kind: 'unknown' }],
    ['pseudo parameters outside Fn::Sub', uriOf('arn:aws:lambda:${AWS::Region}:1:function:f'), { kind: 'unknown' }],
    ['no Lambda URI', 'https://example.com', { kind: 'unknown' }],
  ])('%s', (_name, uri, target) => {
    expect(functionTarget(uri)).toEqual(target);
  });

  test('arnEnvironment reads the region and account of a function ARN', () => {
    expect(arnEnvironment(FN)).toEqual({ region: 'eu-west-1', account: '123456789012' });
    expect(arnEnvironment('arn:aws:sqs:eu-west-1:1:q')).toEqual({});
  });
});
