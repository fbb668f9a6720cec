import { FunctionOutlivesIntegration } from '../../../src/nag/rules/function-outlives-integration';
import { findings, lambdaFunction, lambdaMethod, restApi, specRestApi, template } from '../fixtures';

describe('FunctionOutlivesIntegration', () => {
  test('fires when the function times out after the integration', () => {
    expect(findings(FunctionOutlivesIntegration, template(restApi(), lambdaFunction({ Timeout: 60 }), lambdaMethod({ TimeoutInMillis: 10_000 }))))
      .toEqual(['Method: GET method: function Fn times out after 60 s, the integration after 10000 ms']);
  });

  test('fires on an OpenAPI integration written with Fn::Sub', () => {
    const body = {
      paths: {
        '/': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'aws_proxy', httpMethod: 'POST', uri: { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' },
            },
          },
        },
      },
    };
    expect(findings(FunctionOutlivesIntegration, template(specRestApi(body), lambdaFunction({ Timeout: 60 })))).toEqual(['Api: GET /: function Fn times out after 60 s, the integration after 29000 ms']);
  });

  test('does not fire on the default 3 s function timeout, nor on a function given by ARN', () => {
    expect(findings(FunctionOutlivesIntegration, template(restApi(), lambdaFunction(), lambdaMethod()))).toEqual([]);
    expect(findings(FunctionOutlivesIntegration, template(restApi(), lambdaMethod({
      TimeoutInMillis: 50, Uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:f/invocations',
    })))).toEqual([]);
  });
});
