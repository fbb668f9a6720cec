import { MissingInvokePermission } from '../../../src/nag/rules/missing-invoke-permission';
import { apiResource, findings, lambdaFunction, lambdaMethod, permission, restApi, specRestApi, stage, template } from '../fixtures';

const API = [restApi(), lambdaFunction(), lambdaMethod(), stage({ StageName: 'prod' })];

describe('MissingInvokePermission', () => {
  test('fires on a method whose function has no permission at all', () => {
    expect(findings(MissingInvokePermission, template(...API))).toEqual(['Method: GET method: Fn has no invoke permission for stage prod']);
  });

  test('fires when the permission names another stage, another API or another function', () => {
    expect(findings(MissingInvokePermission, template(...API, permission('/staging/*/*')))).toHaveLength(1);
    expect(findings(MissingInvokePermission, template(...API, restApi({}, 'Other'), permission('/*/*/*', 'P', 'Fn', 'Other')))).toHaveLength(1);
    expect(findings(MissingInvokePermission, template(...API, lambdaFunction({}, 'Other'), permission('/prod/*/*', 'P', 'Other')))).toHaveLength(1);
  });

  test('fires for each stage the permission does not cover', () => {
    expect(findings(MissingInvokePermission, template(...API, stage({ StageName: 'beta' }, 'Beta'), permission('/prod/*/*'))))
      .toEqual(['Method: GET method: Fn has no invoke permission for stage beta']);
  });

  test('does not fire on a permission for the stage, for every stage, by a Ref to the Stage, or without a SourceArn', () => {
    expect(findings(MissingInvokePermission, template(...API, permission('/prod/*/*')))).toEqual([]);
    expect(findings(MissingInvokePermission, template(...API, permission('/*/*/*')))).toEqual([]);
    expect(findings(MissingInvokePermission, template(...API, permission(undefined)))).toEqual([]);
    const byRef = permission('/prod/GET/');
    byRef.Permission.Properties.SourceArn['Fn::Join'][1].splice(-1, 1, '/', { Ref: 'Stage' }, '/GET/');
    expect(findings(MissingInvokePermission, template(...API, byRef))).toEqual([]);
  });

  test('does not fire where the function is not in the template (cannot be decided at synth)', () => {
    expect(findings(MissingInvokePermission, template(restApi(), lambdaMethod(), stage()))).toEqual([]);
  });

  test('fires on a SourceArn that names the API by its logical id as a literal (SAM with RestApiId given as a string)', () => {
    const samPermission = permission('/*/*/*');
    samPermission.Permission.Properties.SourceArn = {
      'Fn::Sub': ['arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/', { __ApiId__: 'Api', __Stage__: '*' }],
    };
    expect(findings(MissingInvokePermission, template(...API, samPermission)))
      .toEqual(['Method: GET method: Fn has no invoke permission for stage prod (Permission names the API by its logical id Api, never the deployed id)']);
  });

  test('does not fire on a literal API id that is no logical id of the template (an API deployed elsewhere)', () => {
    const literalId = permission('/*/*/*');
    literalId.Permission.Properties.SourceArn = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*/*/*';
    expect(findings(MissingInvokePermission, template(...API, literalId))).toEqual([]);
  });

  describe('a permission scoped to a method and path', () => {
    const orders = apiResource('orders');
    const getOrders = lambdaMethod({}, { ResourceId: { Ref: 'Orders' } }, 'GetOrders');
    const postOrders = lambdaMethod({}, { ResourceId: { Ref: 'Orders' }, HttpMethod: 'POST' }, 'PostOrders');

    test('does not cover another method on the same path of the same function', () => {
      expect(findings(MissingInvokePermission, template(restApi(), lambdaFunction(), stage(), orders, getOrders, postOrders, permission('/*/GET/orders'))))
        .toEqual(['PostOrders: POST /orders: Fn has no invoke permission for stage prod (its permissions cover GET /orders only)']);
    });

    test('does not cover the same method on another path', () => {
      const items = apiResource('items', 'Items');
      const getItems = lambdaMethod({}, { ResourceId: { Ref: 'Items' } }, 'GetItems');
      expect(findings(MissingInvokePermission, template(restApi(), lambdaFunction(), stage(), orders, items, getOrders, getItems, permission('/*/GET/orders'))))
        .toEqual(['GetItems: GET /items: Fn has no invoke permission for stage prod (its permissions cover GET /orders only)']);
    });

    test('covers the method, path parameters and wildcards as API Gateway matches them', () => {
      const byId = apiResource('{id}', 'OrderId', { Ref: 'Orders' });
      const getOrder = lambdaMethod({}, { ResourceId: { Ref: 'OrderId' } }, 'GetOrder');
      expect(findings(MissingInvokePermission, template(restApi(), lambdaFunction(), stage(), orders, byId, getOrders, postOrders, getOrder,
        permission('/*/GET/orders', 'P1'), permission('/prod/POST/orders', 'P2'), permission('/*/GET/orders/*', 'P3')))).toEqual([]);
      expect(findings(MissingInvokePermission, template(restApi(), lambdaFunction(), stage(), orders, getOrders, postOrders, permission('/*/*/orders')))).toEqual([]);
    });

    test('reads the path of an OpenAPI operation', () => {
      const integration = { type: 'aws_proxy', httpMethod: 'POST', uri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' } };
      const api = specRestApi({ paths: { '/test': { get: { 'x-amazon-apigateway-integration': integration }, post: { 'x-amazon-apigateway-integration': integration } } } });
      const getOnly = permission('/*/GET/test');
      expect(findings(MissingInvokePermission, template(api, lambdaFunction(), stage(), getOnly)))
        .toEqual(['Api: POST /test: Fn has no invoke permission for stage prod (its permissions cover GET /test only)']);
    });
  });
});
