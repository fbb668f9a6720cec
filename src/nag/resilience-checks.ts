import { CfnResource, PolicyValidationPluginReport, Stack } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps, NagRuleCompliance } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { PACK_NAME, ruleInfo } from './rule';
import { RESILIENCE_RULES } from './rules';
import { CfnResourceJson, TemplateIndex } from './template';
import { stackResources } from '../stack-resources';

/**
 * A cdk-nag rule pack that finds the API Gateway failure traps in any REST API (`RestApi`,
 * `LambdaRestApi`, `SpecRestApi`, `CfnRestApi`): gateway responses that rewrite or break
 * statuses and bodies, permissions that break at 20 KB or are missing, custom integrations that
 * answer 200 on errors, logs that cannot name a 5xx, stages nobody watches.
 *
 * Use it as any cdk-nag 3 pack: `Validations.of(app).addPlugins(new ResilienceChecks())`, or
 * `new ResilienceChecks().validateScope(stack)`; acknowledge a finding with
 * `Validations.of(construct).acknowledge({ id: 'ResilienceChecks-RuleId', reason })`. The same
 * rules run on a synthesized template with `npx resilient-lambda-rest-api audit template.json`.
 */
export class ResilienceChecks extends NagPack {
  /** The pack's name in cdk-nag's report. */
  public readonly name: string;

  /** Each stack's template, read once per validation however many resources and rules ask. */
  private readonly templates = new Map<Stack, TemplateIndex>();

  /**
   * @param scope where to register cdk-nag's aspects (only for `writeSuppressionsToCloudFormation`)
   * @param props cdk-nag's pack options
   */
  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = PACK_NAME;
    this.name = PACK_NAME;
  }

  /**
   * Validates every REST API in a construct tree (an app, a stage or a stack).
   *
   * @param scope the construct tree to check
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    this.templates.clear();
    try {
      return super.validateScope(scope);
    } finally {
      this.templates.clear();
    }
  }

  protected checkResource(node: CfnResource): void {
    const stack = Stack.of(node);
    const index = this.templateOf(stack);
    const logicalId: string = stack.resolve(node.logicalId);
    const resource = index.resource(logicalId);
    if (!resource) {
      return;
    }
    for (const rule of RESILIENCE_RULES) {
      this.applyRule({
        ruleSuffixOverride: rule.id,
        info: ruleInfo(rule),
        explanation: rule.fix,
        level: rule.level === 'Error' ? NagMessageLevel.ERROR : NagMessageLevel.WARN,
        node,
        rule: () => (rule.check(logicalId, resource, index).length > 0 ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT),
      });
    }
  }

  /** The stack's resources as the template will hold them (resolved), read once. */
  private templateOf(stack: Stack): TemplateIndex {
    let index = this.templates.get(stack);
    if (!index) {
      index = new TemplateIndex({ Resources: stackResources(stack) as { [logicalId: string]: CfnResourceJson } }, stack.stackName);
      this.templates.set(stack, index);
    }
    return index;
  }
}
