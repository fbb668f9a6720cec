import { MissingInvokePermission } from '../../../src/nag/rules/missing-invoke-permission';
import { findings, lambdaFunction, lambdaMethod, permission, restApi, stage, template } from '../fixtures';

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
});
