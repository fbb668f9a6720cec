import * as cdk from 'aws-cdk-lib';
import { Duration, InjectionContext, IPropertyInjector, PropertyInjectors } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ResilientLambdaRestApi, ResilientLambdaRestApiProps } from '../src';
import { newHandler, newStack, resourcesOf } from './util';
import { applyInjectors, checkSecondInjection, findInjector, samePropValue } from '../src/property-injection';

/** An injector from a function of the props. */
function injector(constructUniqueId: string, inject: (props: any) => any): IPropertyInjector {
  return { constructUniqueId, inject: (props: any, _context: InjectionContext) => inject(props) };
}

const REST_API = apigateway.RestApi.PROPERTY_INJECTION_ID;
const LAMBDA_REST_API = apigateway.LambdaRestApi.PROPERTY_INJECTION_ID;
const OURS = ResilientLambdaRestApi.PROPERTY_INJECTION_ID;

describe('findInjector', () => {
  test('finds the nearest registration for the id, as aws-cdk-lib does', () => {
    const app = new cdk.App();
    const stack = new cdk.Stack(app, 'S');
    const inner = new Construct(stack, 'Inner');
    const outer = injector(REST_API, (p) => p);
    const near = injector(REST_API, (p) => p);
    PropertyInjectors.of(app).add(outer, injector(LAMBDA_REST_API, (p) => p));
    PropertyInjectors.of(stack).add(near);
    expect(findInjector(inner, REST_API)).toBe(near);
    expect(findInjector(inner, LAMBDA_REST_API)?.constructUniqueId).toBe(LAMBDA_REST_API);
    expect(findInjector(inner, OURS)).toBeUndefined();
  });
});

describe('applyInjectors', () => {
  test('applies the injectors of the ids in order, each on the result of the one before', () => {
    const app = new cdk.App();
    PropertyInjectors.of(app).add(
      injector(OURS, (p) => ({ ...p, trail: [...p.trail, 'ours'] })),
      injector(REST_API, (p) => ({ ...p, trail: [...p.trail, 'rest'] })),
    );
    const result = applyInjectors([OURS, LAMBDA_REST_API, REST_API], { trail: ['given'] }, { scope: app, id: 'Api' });
    expect(result.trail).toEqual(['given', 'ours', 'rest']);
  });
});

describe('samePropValue', () => {
  const app = new cdk.App();
  const a = new Construct(app, 'A');
  test.each([
    ['equal plain data', { x: [1, { y: 'z' }] }, { x: [1, { y: 'z' }] }, true],
    ['an undefined key and a missing one', { x: undefined }, {}, true],
    ['durations of the same length', Duration.seconds(10), Duration.seconds(10), true],
    ['durations of different lengths', Duration.seconds(10), Duration.seconds(11), false],
    ['a construct and itself', { c: a }, { c: a }, true],
    ['two constructs', a, new Construct(app, 'B'), false],
    ['different plain data', { x: [1] }, { x: [1, 2] }, false],
    ['a value and an object', 'x', { x: 1 }, false],
  ])('%s: %s', (_what, left, right, same) => {
    expect(samePropValue(left, right)).toBe(same);
  });
});

describe('checkSecondInjection', () => {
  const planned = { deploy: true, description: 'Orders', deployOptions: { stageName: 'prod', tracingEnabled: true } };
  const errorsWith = (...injectors: IPropertyInjector[]) => {
    const app = new cdk.App();
    PropertyInjectors.of(app).add(...injectors);
    return checkSecondInjection(planned, { scope: app, id: 'Api' });
  };

  test('defaults and values that are already there pass', () => {
    expect(errorsWith(
      injector(REST_API, (p) => ({ description: 'set by the organisation', ...p })),
      injector(LAMBDA_REST_API, (p) => ({ ...p, deployOptions: { ...p.deployOptions, tracingEnabled: true } })),
    )).toEqual([]);
  });

  test('an injector that would change the planned props is named with what it changes', () => {
    expect(errorsWith(injector(REST_API, (p) => ({ ...p, deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.INFO } }))))
      .toEqual([expect.stringMatching(/injector for aws-cdk-lib.aws-apigateway.RestApi changes deployOptions/)]);
  });
});

describe('on the construct', () => {
  function synthWith(injectors: IPropertyInjector[], props: Partial<ResilientLambdaRestApiProps> = {}) {
    const stack = newStack();
    PropertyInjectors.of(stack.node.root).add(...injectors);
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), ...props });
    return { stack, api, template: Template.fromStack(stack) };
  }

  test('a RestApi injector with deploy: false is planned: no stage, no stage options, no error', () => {
    const { template, api } = synthWith([injector(REST_API, (p) => ({ ...p, deploy: false }))]);
    template.resourceCountIs('AWS::ApiGateway::Stage', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    expect(api.monitoring).toBeUndefined();
  });

  test('a LambdaRestApi injector\'s defaults win over the construct\'s defaults, as given props do', () => {
    const { template } = synthWith([injector(LAMBDA_REST_API, (p) => ({ endpointTypes: [apigateway.EndpointType.EDGE], ...p }))]);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['EDGE'] } });
  });

  test('props given in the code win over an injector\'s defaults', () => {
    const { template } = synthWith(
      [injector(REST_API, (p) => ({ endpointTypes: [apigateway.EndpointType.EDGE], ...p }))],
      { endpointTypes: [apigateway.EndpointType.PRIVATE], policy: undefined },
    );
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['PRIVATE'] } });
  });

  test('an injected value is checked like a given one', () => {
    const slow = injector(LAMBDA_REST_API, (p) => ({ ...p, integrationOptions: { ...p.integrationOptions, timeout: Duration.minutes(2) } }));
    expect(() => synthWith([slow])).toThrow(/integrationOptions.timeout is 120000 ms, above the default limit/);
  });

  test('an injector that would undo the plan inside RestApi is a synth-time error, not a half-configured stage', () => {
    expect(() => synthWith([injector(REST_API, (p) => ({ ...p, deployOptions: { stageName: 'live' } }))]))
      .toThrow(/property injector for aws-cdk-lib.aws-apigateway.RestApi changes deployOptions/);
  });

  test('an organisation-wide injector for the construct\'s own id sets the alarm actions of every API', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'OnCall');
    PropertyInjectors.of(stack.node.root).add(injector(OURS, (p: ResilientLambdaRestApiProps) => ({
      ...p,
      monitoring: { alarmActions: [new actions.SnsAction(topic)], ...p.monitoring },
    })));
    new ResilientLambdaRestApi(stack, 'Orders', { handler: newHandler(stack, 'OrdersHandler') });
    new ResilientLambdaRestApi(stack, 'Payments', { handler: newHandler(stack, 'PaymentsHandler') });
    const composites = Object.values(resourcesOf(Template.fromStack(stack), 'AWS::CloudWatch::CompositeAlarm'));
    expect(composites).toHaveLength(2);
    for (const composite of composites) {
      expect(stack.resolve(composite.AlarmActions)).toEqual([{ Ref: expect.stringMatching(/^OnCall/) }]);
    }
  });
});
