import { lineOfResource, parseTemplate } from '../../src/audit/template-file';

describe('parseTemplate', () => {
  test('reads JSON', () => {
    expect(parseTemplate('{"Resources":{"Api":{"Type":"AWS::ApiGateway::RestApi"}}}')).toEqual({ Resources: { Api: { Type: 'AWS::ApiGateway::RestApi' } } });
  });

  test('reads YAML with every short-form tag as its long form', () => {
    const yaml = [
      'AWSTemplateFormatVersion: 2010-09-09',
      'Resources:',
      '  Permission:',
      '    Type: AWS::Lambda::Permission',
      '    Properties:',
      '      FunctionName: !GetAtt Fn.Arn',
      '      Other: !GetAtt [Fn, Arn]',
      '      Nested: !GetAtt Stack.Outputs.Name',
      '      Principal: !Join ["", [apigateway., !Ref "AWS::URLSuffix"]]',
      '      SourceArn: !Sub',
      '        - arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Id}/*/*/*',
      '        - Id: !Ref Api',
      '      Cond: !If [IsProd, !Select [0, !Split [",", !ImportValue Shared]], !Ref "AWS::NoValue"]',
      '      Map: !FindInMap [Stages, !Ref "AWS::Region", Name]',
      '      Checks: !And [!Equals [a, b], !Not [!Condition Other], !Or [!Condition A, !Condition B]]',
      '      Encoded: !Base64 text',
      '      Zones: !GetAZs ""',
      '      Blocks: !Cidr [10.0.0.0/16, 2, 8]',
      '      Json: !ToJsonString {a: 1}',
      '      Count: !Length [a, b]',
    ].join('\n');
    expect(parseTemplate(yaml)).toEqual({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Permission: {
          Type: 'AWS::Lambda::Permission',
          Properties: {
            FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] },
            Other: { 'Fn::GetAtt': ['Fn', 'Arn'] },
            Nested: { 'Fn::GetAtt': ['Stack', 'Outputs.Name'] },
            Principal: { 'Fn::Join': ['', ['apigateway.', { Ref: 'AWS::URLSuffix' }]] },
            SourceArn: { 'Fn::Sub': ['arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Id}/*/*/*', { Id: { Ref: 'Api' } }] },
            Cond: { 'Fn::If': ['IsProd', { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::ImportValue': 'Shared' }] }] }, { Ref: 'AWS::NoValue' }] },
            Map: { 'Fn::FindInMap': ['Stages', { Ref: 'AWS::Region' }, 'Name'] },
            Checks: { 'Fn::And': [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Not': [{ Condition: 'Other' }] }, { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }] },
            Encoded: { 'Fn::Base64': 'text' },
            Zones: { 'Fn::GetAZs': '' },
            Blocks: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
            Json: { 'Fn::ToJsonString': { a: 1 } },
            Count: { 'Fn::Length': ['a', 'b'] },
          },
        },
      },
    });
  });

  test('names the line and column of a YAML syntax error, and refuses what is no mapping', () => {
    expect(() => parseTemplate('Resources:\n  Api: [unclosed\n')).toThrow(/line \d+, column \d+/);
    expect(() => parseTemplate('- a list\n')).toThrow(/not a CloudFormation template/);
    expect(() => parseTemplate('{"broken": ')).toThrow(SyntaxError);
  });
});

describe('lineOfResource', () => {
  test('finds the line where a resource is defined, in JSON and in YAML, under Resources', () => {
    const json = JSON.stringify({ Parameters: { Api: {} }, Resources: { Api: { Type: 'X' }, Fn: { Type: 'Y' } } }, undefined, 1);
    expect(json.split('\n')[lineOfResource(json, 'Fn')! - 1]).toMatch(/"Fn":/);
    expect(json.split('\n')[lineOfResource(json, 'Api')! - 1]).toMatch(/"Api": \{$/);
    expect(lineOfResource(json, 'Api')).toBeGreaterThan(json.split('\n').findIndex((l) => l.includes('Resources')));
    expect(lineOfResource('Resources:\n  Api:\n    Type: X\n  My.Fn:\n    Type: Y\n', 'My.Fn')).toBe(4);
    expect(lineOfResource('Resources:\n  Fn:\n    Type: Y\n    Properties:\n      Api: x\n  Api:\n    Type: X\n', 'Api')).toBe(6);
    expect(lineOfResource('{"Resources":{"Api":{}}}', 'Api')).toBeUndefined();
    expect(lineOfResource('Resources:\n', 'Api')).toBeUndefined();
  });
});
