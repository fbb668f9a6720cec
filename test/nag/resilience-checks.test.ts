import * as fs from 'fs';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Duration, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { LambdaErrorMapping, ResilienceChecks, ResilientLambdaRestApi } from '../../src';
import { auditTemplate } from '../../src/audit/audit';
import { RESILIENCE_RULES } from '../../src/nag/rules';
import { buildDefaultStack, buildFullyConfiguredStack } from '../full-config';
import { newHandler } from '../util';

function newEnvStack(): cdk.Stack {
  return new cdk.Stack(new cdk.App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
}

/** The pack's findings on a stack, as `rule path`. */
function packFindings(stack: cdk.Stack): string[] {
  return new ResilienceChecks().validateScope(stack).violations
    .flatMap((v) => v.violatingResources.map((r: any) => `${v.ruleName} ${r.constructPath}`)).sort();
}

/** The configurations the README and test/full-config.ts show. */
const CONFIGURATIONS: Array<[string, (stack: cdk.Stack) => void]> = [
  ['the default stack', buildDefaultStack],
  ['the fully configured stack', buildFullyConfiguredStack],
  ['the migration (proxy: false, one method)', (stack) => {
    new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false }).root.addResource('orders').addMethod('GET');
  }],
  ['a changed contract', (stack) => {
    new ResilientLambdaRestApi(stack, 'Api', {
      handler: newHandler(stack),
      throttledRetryAfter: Duration.seconds(5),
      errorResponses: [{ type: apigateway.ResponseType.INTEGRATION_TIMEOUT, statusCode: '503', message: 'Busy', responseHeaders: { 'Retry-After': "'5'" } }],
    });
  }],
  ['two functions, the second through api.lambdaIntegration', (stack) => {
    const api = new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false });
    api.root.addResource('orders').addMethod('GET');
    api.root.addResource('reports').addMethod('GET', api.lambdaIntegration(newHandler(stack, 'Reports')));
  }],
  ['monitoring with alarm actions', (stack) => {
    new ResilientLambdaRestApi(stack, 'Api', { handler: newHandler(stack), monitoring: { alarmActions: [new actions.SnsAction(new sns.Topic(stack, 'OnCall'))] } });
  }],
  ['a custom integration with error mappings', (stack) => {
    new ResilientLambdaRestApi(stack, 'Api', {
      handler: newHandler(stack),
      proxy: false,
      integrationOptions: { proxy: false },
      errorMappings: [LambdaErrorMapping.prefix('NotFound', '404'), LambdaErrorMapping.functionTimeout()],
    }).root.addResource('orders').addMethod('POST');
  }],
];

describe.each(CONFIGURATIONS)('ResilienceChecks on %s', (_, build) => {
  test('finds nothing', () => {
    const stack = newEnvStack();
    build(stack);
    expect(packFindings(stack)).toEqual([]);
  });
});

describe('ResilienceChecks on a plain LambdaRestApi at its defaults', () => {
  function plainStack(): cdk.Stack {
    const stack = newEnvStack();
    const api = new apigateway.LambdaRestApi(stack, 'Api', { handler: newHandler(stack), proxy: false, defaultCorsPreflightOptions: { allowOrigins: ['*'] } });
    for (let i = 0; i < 30; i++) {
      api.root.addResource(`r${i}`).addMethod('GET');
    }
    return stack;
  }

  test('finds the traps, each on the resource that holds it', () => {
    expect(packFindings(plainStack())).toEqual([
      'ResilienceChecks-CorsMissingOnErrors S/Api/Resource',
      'ResilienceChecks-FunctionPolicyTooLarge S/Handler/Resource',
      'ResilienceChecks-StageWithoutAlarm S/Api/DeploymentStage.prod/Resource',
    ]);
  });

  test('reports each rule with its level and its one-line trap and fix', () => {
    const violations = new ResilienceChecks().validateScope(plainStack()).violations;
    const policy = violations.find((v) => v.ruleName === 'ResilienceChecks-FunctionPolicyTooLarge')!;
    expect(policy.severity).toBe('error');
    expect(policy.description).toMatch(/20480 bytes.*Fix: Grant API Gateway one API-scoped permission/);
    expect(violations.find((v) => v.ruleName === 'ResilienceChecks-StageWithoutAlarm')!.severity).toBe('warning');
  });

  test('finds what the audit command finds on the synthesized template (one implementation)', () => {
    const stack = plainStack();
    const fromPack = new Set(new ResilienceChecks().validateScope(stack).violations.map((v) => v.ruleName));
    const template = (cdk.App.of(stack) as cdk.App).synth().getStackByName('S').template;
    expect(new Set(auditTemplate(template, 'S').map((f) => f.rule))).toEqual(fromPack);
  });

  test('acknowledgements work as for any cdk-nag pack, on the resource or a parent', () => {
    const stack = plainStack();
    const api = stack.node.findChild('Api') as apigateway.LambdaRestApi;
    Validations.of(api.deploymentStage).acknowledge({ id: 'ResilienceChecks-StageWithoutAlarm', reason: 'watched by the platform dashboard' });
    Validations.of(stack).acknowledge({ id: 'ResilienceChecks-CorsMissingOnErrors', reason: 'no browser clients' });
    expect(packFindings(stack)).toEqual(['ResilienceChecks-FunctionPolicyTooLarge S/Handler/Resource']);
  });

  test('runs as a Validations plugin at synth', () => {
    const stack = plainStack();
    Validations.of(cdk.App.of(stack)!).addPlugins(new ResilienceChecks());
    // Newer aws-cdk-lib throws on a failed validation; 2.257.0 writes the report and sets the exit code.
    let report: string;
    try {
      const assembly = (cdk.App.of(stack) as cdk.App).synth();
      report = fs.readFileSync(path.join(assembly.directory, 'policy-validation-report.json'), 'utf8');
      expect(process.exitCode).toBe(1);
    } catch (e) {
      report = String(e);
    } finally {
      process.exitCode = undefined;
    }
    if (report.includes('requires a construct tree on the validation context')) {
      // aws-cdk-lib 2.257.0 hands plugins no construct tree, which every cdk-nag 3 pack needs: the README says so.
      expect(fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')).toContain('hands validation plugins the construct tree');
    } else {
      expect(report).toMatch(/ResilienceChecks-FunctionPolicyTooLarge/);
    }
  });
});

test('every rule has a unique id, a level, and a trap and a fix that are sentences', () => {
  expect(new Set(RESILIENCE_RULES.map((r) => r.id)).size).toBe(RESILIENCE_RULES.length);
  for (const rule of RESILIENCE_RULES) {
    expect(['Error', 'Warning']).toContain(rule.level);
    expect(rule.trap).toMatch(/^[A-Z].*\.$/);
    expect(rule.fix).toMatch(/^[A-Z].*\.$/);
  }
});
