import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { apiLocation, checkApiName, MAX_GENERATED_API_NAME_LENGTH, resolveApiName, uniqueApiName } from '../src/api-name';

const at = (pathInStack: string, stackName = 'Shop') => ({ stackName, pathInStack, id: pathInStack.split('/').pop()! });

describe('apiLocation', () => {
  test('is the top-level stack and the path in it, nested stacks included', () => {
    const app = new cdk.App();
    const stack = new cdk.Stack(app, 'Shop');
    expect(apiLocation(stack, 'Api')).toEqual({ stackName: 'Shop', pathInStack: 'Api', id: 'Api' });
    const orders = new Construct(stack, 'Orders');
    expect(apiLocation(orders, 'Api')).toEqual({ stackName: 'Shop', pathInStack: 'Orders/Api', id: 'Api' });
    const nested = new cdk.NestedStack(stack, 'Nested');
    expect(apiLocation(nested, 'Api')).toEqual({ stackName: 'Shop', pathInStack: 'Nested/Api', id: 'Api' });
  });
});

describe('uniqueApiName', () => {
  test.each([
    ['Api', 'Shop', 'Shop-Api'],
    ['Orders/Api', 'Shop', 'Shop-Orders-Api'],
    ['Api', 'Shop-dev', 'Shop-dev-Api'],
  ])('%s in stack %s is %s', (path, stackName, expected) => {
    expect(uniqueApiName(at(path, stackName))).toBe(expected);
  });

  test('stays within the length limit and distinct for long paths', () => {
    const a = uniqueApiName(at(`${'Deep/'.repeat(40)}A`));
    const b = uniqueApiName(at(`${'Deep/'.repeat(40)}B`));
    expect(a.length).toBe(MAX_GENERATED_API_NAME_LENGTH);
    expect(a).not.toBe(b);
    expect(a).toMatch(/-[0-9A-F]{8}$/);
  });
});

describe('resolveApiName', () => {
  test.each([
    [undefined, 'Shop-Api'],
    [cdk.PhysicalName.GENERATE_IF_NEEDED, 'Shop-Api'],
    ['orders', 'orders'],
  ])('given %s, the name is %s', (given, expected) => {
    expect(resolveApiName(given, at('Api'))).toBe(expected);
  });
});

describe('checkApiName', () => {
  test.each([
    ['Api', true],
    ['api', true],
    ['REST-API', true],
    ['my_api', true],
    ['backend', true],
    ['Shop-Api', false],
    ['shop api', false],
    ['orders-service', false],
  ])('%s collides: %s', (given, collides) => {
    expect(checkApiName(given, at('Api'))?.id).toBe(collides ? 'restApiNameMayCollide' : undefined);
  });

  test('the construct id counts as generic, whatever it is', () => {
    expect(checkApiName('Orders', at('Orders'))?.message).toMatch(/'Shop-Orders'/);
  });

  test('no warning without a given literal name', () => {
    expect(checkApiName(undefined, at('Api'))).toBeUndefined();
    expect(checkApiName(cdk.PhysicalName.GENERATE_IF_NEEDED, at('Api'))).toBeUndefined();
    expect(checkApiName(cdk.Lazy.string({ produce: () => 'Api' }), at('Api'))).toBeUndefined();
  });
});
