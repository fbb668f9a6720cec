import { lambdaFunction, lambdaMethod, restApi, specRestApi, stage, template } from './fixtures';
import { endpointTypesOf, integratedFunctionId, methodsOfApi, stagesOfApi, underlyingFunctionId } from '../../src/nag/rest-api';
import { TemplateIndex } from '../../src/nag/template';

describe('the REST API model', () => {
  test('reads the methods of a SpecRestApi body, any-method and integration responses included', () => {
    const body = {
      paths: {
        '/orders': {
          'x-amazon-apigateway-any-method': {
            'x-amazon-apigateway-integration': {
              type: 'aws',
              uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:f/invocations',
              timeoutInMillis: 5000,
              responses: { 'default': { statusCode: '200' }, 'Error.*': { statusCode: '502' } },
            },
          },
        },
      },
    };
    const [m] = methodsOfApi(new TemplateIndex(template(specRestApi(body))), 'Api');
    expect(m).toMatchObject({ httpMethod: 'ANY', where: 'ANY /orders', integrationType: 'AWS', timeoutMs: 5000 });
    expect(m.integrationResponses).toEqual([{ selectionPattern: undefined, statusCode: '200' }, { selectionPattern: 'Error.*', statusCode: '502' }]);
  });

  test('follows an integration to an alias and the alias to its function', () => {
    const alias = { Live: { Type: 'AWS::Lambda::Alias', Properties: { FunctionName: { Ref: 'Fn' }, FunctionVersion: '1', Name: 'live' } } };
    const index = new TemplateIndex(template(restApi(), lambdaFunction(), alias, lambdaMethod({}, {}, 'Method', 'Live')));
    const [m] = methodsOfApi(index, 'Api');
    expect(integratedFunctionId(index, m)).toBe('Live');
    expect(underlyingFunctionId(index, 'Live')).toBe('Fn');
    expect(underlyingFunctionId(index, 'Api')).toBeUndefined();
  });

  test('finds stages and endpoint types', () => {
    const index = new TemplateIndex(template(restApi({ EndpointConfiguration: { Types: ['REGIONAL'] } }), stage()));
    expect(stagesOfApi(index, 'Api').map((s) => s.stageName)).toEqual(['prod']);
    expect(endpointTypesOf(index.resource('Api'))).toEqual(['REGIONAL']);
    expect(endpointTypesOf(undefined)).toEqual(['EDGE']);
  });
});
