import { readOwnIntegration } from '../../src/openapi/own-integrations';

describe('readOwnIntegration', () => {
  const op = { path: '/a', method: 'get', operation: {} };
  test.each([
    [{ type: 'aws_proxy', uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:f/invocations' },
      { lambda: true, functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:f', timeoutMs: 29_000 }],
    [{ type: 'AWS', uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:${stageVariables.fn}/invocations', timeoutInMillis: 900 },
      { lambda: true, functionArn: undefined, timeoutMs: 900 }],
    [{ type: 'aws_proxy', uri: { 'Fn::GetAtt': ['F', 'Arn'] } }, { lambda: true, functionArn: undefined }],
    [{ type: 'aws', uri: 'arn:aws:apigateway:eu-west-1:sqs:path/1/q' }, { lambda: false, functionArn: undefined }],
    [{ type: 'mock' }, { lambda: false }],
  ])('reads %j', (integration, expected) => {
    expect(readOwnIntegration(op, integration)).toMatchObject(expected);
  });
});
